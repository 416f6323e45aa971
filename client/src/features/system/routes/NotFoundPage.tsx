import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('app.notFound')}</h1>
      <Link className="mt-4 inline-block text-brand-700 underline" to="/">
        {t('app.backHome')}
      </Link>
    </div>
  );
}
