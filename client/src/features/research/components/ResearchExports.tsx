import { canExportIndividualRows, type WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { Card, Field, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { researchExportUrl } from '../api';

const FILES = [
  ['tables/nodes.csv', 'research.files.nodes'],
  ['tables/edges.csv', 'research.files.edges'],
  ['network.gexf', 'research.files.gexf'],
] as const;

/**
 * The research dataset (ZIP or JSON) and the single files, for a period and pseudonymised unless
 * the researcher unticks it; says what an unpseudonymised download leaves out for this reader.
 */
export function ResearchExports({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pseudonymise, setPseudonymise] = useState(true);
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('research.exports')}</h2>
      <div className="mt-3 flex flex-wrap items-end gap-4">
        <Field label={t('research.from')}>
          {(a) => (
            <Input {...a} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field label={t('research.to')}>
          {(a) => <Input {...a} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            checked={pseudonymise}
            onChange={(e) => setPseudonymise(e.target.checked)}
          />
          {t('research.pseudonymise')}
        </label>
      </div>
      <p className="mt-1 text-sm text-slate-500">{t('research.pseudonymiseHint')}</p>
      {!canExportIndividualRows({ role: ws.myRole }, pseudonymise) && (
        <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900" role="note">
          {t('research.withheldHint')}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <a
          className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
          href={researchExportUrl(ws.id, 'dataset.zip', { from, to, pseudonymise })}
          download
        >
          {t('research.files.dataset')}
        </a>
        <a
          className="text-sm font-medium text-brand-700 underline"
          href={researchExportUrl(ws.id, 'dataset.json', { from, to, pseudonymise })}
          download
        >
          {t('research.files.datasetJson')}
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-600">{t('research.datasetHint')}</p>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">{t('research.singleFiles')}</h3>
      <p className="text-sm text-slate-500">{t('research.singleFilesHint')}</p>
      <div className="mt-2 flex flex-wrap gap-3 text-sm">
        {FILES.map(([file, label]) => (
          <a
            key={file}
            className="font-medium text-brand-700 underline"
            href={researchExportUrl(ws.id, file, { from, to, pseudonymise })}
            download
          >
            {t(label)}
          </a>
        ))}
        <a
          className="font-medium text-brand-700 underline"
          href="/api/research/codebook"
          download="coalesce-codebook.json"
        >
          {t('research.files.codebook')}
        </a>
      </div>
    </Card>
  );
}
