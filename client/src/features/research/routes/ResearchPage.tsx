import {
  canExport,
  canExportIndividualRows,
  canSetResearchConsent,
  RESEARCH_CODEBOOK,
  type ResearchConsentDto,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { Badge, Card, ErrorNote, Field, Input, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { researchExportUrl, useResearchConsents, useSetResearchConsent } from '../api';

const FILES = [
  ['tables/nodes.csv', 'research.files.nodes'],
  ['tables/edges.csv', 'research.files.edges'],
  ['network.gexf', 'research.files.gexf'],
] as const;

/** Research exports (coordinators, observers), consents to be named, and the codebook. */
export function ResearchPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pseudonymise, setPseudonymise] = useState(true);
  return (
    <div className="max-w-5xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('research.title')}</h1>
        <p className="text-slate-600">{t('research.intro')}</p>
      </header>
      {canExport(capacityOf(ws)) && (
        <Card>
          <h2 className="text-lg font-semibold">{t('research.exports')}</h2>
          <div className="mt-3 flex flex-wrap items-end gap-4">
            <Field label={t('research.from')}>
              {(a) => (
                <Input {...a} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              )}
            </Field>
            <Field label={t('research.to')}>
              {(a) => (
                <Input {...a} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              )}
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
      )}
      <Consents ws={ws} />
      <Codebook />
    </div>
  );
}

function Consents({ ws }: { ws: WorkspaceDto }) {
  const { t } = useI18n();
  const consents = useResearchConsents(ws.id);
  const set = useSetResearchConsent(ws.id);
  const [choosing, setChoosing] = useState<Record<string, boolean>>({});
  const mayChange = (c: ResearchConsentDto) =>
    canSetResearchConsent({ role: ws.myRole, partnerId: ws.myPartnerId }, c.partnerId);
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('research.consents.title')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('research.consents.intro')}</p>
      {consents.isPending && <Spinner label={t('app.loading')} />}
      {consents.isError && <ErrorNote>{consents.error.message}</ErrorNote>}
      {set.isError && <ErrorNote>{set.error.message}</ErrorNote>}
      {consents.data && (
        <ul className="mt-3 divide-y divide-slate-100">
          {consents.data.map((c) => (
            <li key={c.partnerId} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span>
                {c.partnerName}{' '}
                <span className="text-slate-500">
                  (
                  {t(
                    c.kind === 'individual'
                      ? 'research.kind.individual'
                      : 'research.kind.organisation',
                  )}
                  {c.explicit ? '' : `, ${t('research.consents.default')}`})
                </span>
              </span>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  aria-label={t('research.consents.mayBeNamedFor', { partner: c.partnerName })}
                  // The choice shows at once (in this render); the server's answer replaces it.
                  checked={choosing[c.partnerId] ?? c.mayBeNamed}
                  disabled={!mayChange(c) || set.isPending}
                  onChange={(e) => {
                    const mayBeNamed = e.target.checked;
                    setChoosing((m) => ({ ...m, [c.partnerId]: mayBeNamed }));
                    set.mutate(
                      { partnerId: c.partnerId, mayBeNamed },
                      {
                        onSettled: () => setChoosing(({ [c.partnerId]: _done, ...rest }) => rest),
                      },
                    );
                  }}
                />
                {t('research.consents.mayBeNamed')}
              </label>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Codebook() {
  const { t, locale } = useI18n();
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('research.codebook.title')}</h2>
      {/* Eleven tables: each folds, the first open, so the page stays short for who only
          downloads; on a phone the fields stack instead of a table scrolled sideways. */}
      {RESEARCH_CODEBOOK.map((table, i) => (
        <details key={table.table} className="mt-3 border-t border-slate-100 pt-3" open={i === 0}>
          <summary className="cursor-pointer">
            <span className="font-semibold">{table.table}.csv</span>{' '}
            <span className="text-sm text-slate-500">
              ({t('research.codebook.fieldsCount', { n: table.fields.length })})
            </span>{' '}
            {table.individual && <Badge tone="amber">{t('research.codebook.individual')}</Badge>}
          </summary>
          <p className="mt-1 text-sm text-slate-600">{table.description[locale]}</p>
          <table className="mt-2 hidden w-full text-left text-sm md:table">
            <thead>
              <tr className="border-b border-slate-200">
                <th className="py-1 pr-3">{t('research.codebook.field')}</th>
                <th className="py-1 pr-3">{t('research.codebook.type')}</th>
                <th className="py-1 pr-3">{t('research.codebook.values')}</th>
                <th className="py-1">{t('research.codebook.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {table.fields.map((f) => (
                <tr key={f.name} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-3 font-mono">{f.name}</td>
                  <td className="py-1 pr-3">{f.type}</td>
                  <td className="py-1 pr-3 font-mono text-xs break-words">
                    {f.allowedValues?.join(', ') ?? ''}
                  </td>
                  <td className="py-1">{f.meaning[locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="mt-2 space-y-2 text-sm md:hidden">
            {table.fields.map((f) => (
              <div key={f.name} className="border-b border-slate-100 pb-2">
                <dt>
                  <span className="font-mono font-medium">{f.name}</span>{' '}
                  <span className="text-slate-500">({f.type})</span>
                </dt>
                <dd>{f.meaning[locale]}</dd>
                {f.allowedValues && (
                  <dd className="font-mono text-xs break-words text-slate-600">
                    {t('research.codebook.values')}: {f.allowedValues.join(', ')}
                  </dd>
                )}
              </div>
            ))}
          </dl>
        </details>
      ))}
    </Card>
  );
}
