import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { HealthBadge } from '../../system/components/HealthBadge';
import { StageList } from '../components/StageList';

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <div className="space-y-10">
      <section className="space-y-4 pt-6">
        <h1 className="text-3xl font-semibold tracking-tight">{t('home.title')}</h1>
        <p className="max-w-2xl text-lg text-slate-600">{t('home.intro')}</p>
        <div className="flex flex-wrap gap-3">
          {me.data ? (
            <Link
              to="/w"
              className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
            >
              {t('nav.workspaces')}
            </Link>
          ) : (
            <>
              <Link
                to="/register"
                className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
              >
                {t('nav.register')}
              </Link>
              <Link
                to="/login"
                className="rounded-md px-4 py-2 text-sm font-medium text-brand-800 ring-1 ring-brand-500"
              >
                {t('nav.signIn')}
              </Link>
            </>
          )}
        </div>
        <HealthBadge />
      </section>
      <section aria-labelledby="stages-title" className="space-y-3">
        <h2 id="stages-title" className="text-lg font-semibold">
          {t('home.stagesTitle')}
        </h2>
        <StageList />
      </section>
    </div>
  );
}
