import { RESEARCH_CODEBOOK } from '@coalesce/shared';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** What every column of the research tables means, in the reader's language. */
export function Codebook() {
  const { t, locale } = useI18n();
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('research.codebook.title')}</h2>
      {RESEARCH_CODEBOOK.map((table) => (
        <section key={table.table} className="mt-4">
          <h3 className="font-semibold">{table.file}</h3>
          <p className="text-sm text-slate-600">{table.description[locale]}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
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
                    <td className="py-1 pr-3 font-mono text-xs">
                      {f.allowedValues?.join(', ') ?? ''}
                    </td>
                    <td className="py-1">{f.meaning[locale]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Card>
  );
}
