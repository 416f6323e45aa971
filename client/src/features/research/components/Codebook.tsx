import { RESEARCH_CODEBOOK } from '@coalesce/shared';
import { Badge, Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** Every table and field of the research exports, in the reader's language. */
export function Codebook() {
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
