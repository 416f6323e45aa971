import { Download } from 'lucide-react';
import { useI18n } from '../../../i18n/i18n';

/** The live text as a file (the server renders it; the session cookie authorises the GET). */
export function ExportLinks({ wid, did }: { wid: string; did: string }) {
  const { t } = useI18n();
  const href = (format: 'markdown' | 'html') =>
    `/api/workspaces/${wid}/documents/${did}/export?format=${format}`;
  const link =
    'inline-flex min-h-8 items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50';
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="export">
      <span className="text-slate-600">{t('documents.download')}</span>
      <a className={link} href={href('markdown')} download>
        <Download className="h-4 w-4" aria-hidden />
        {t('documents.exportMarkdown')}
      </a>
      <a className={link} href={href('html')} download>
        <Download className="h-4 w-4" aria-hidden />
        {t('documents.exportHtml')}
      </a>
    </div>
  );
}
