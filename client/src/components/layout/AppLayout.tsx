import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Spinner } from '../ui/ui';
import { UserMenu } from '../../features/auth/components/UserMenu';
import { useI18n } from '../../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every page: skip link, banner with brand and language, and the main region. */
export function AppLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('app.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-6">
            <Link to="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <img src="/favicon.svg" alt="" className="h-7 w-7" />
              <span>{t('app.name')}</span>
            </Link>
            <Link to="/w" className="text-sm font-medium text-slate-700 hover:text-brand-700">
              {t('nav.workspaces')}
            </Link>
          </div>
          <div className="flex items-center gap-3">
            <UserMenu />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {/* Pages are loaded on demand: the frame stays while one arrives. Keyed by path so a
            navigation shows the fallback instead of holding the old page in a transition. */}
        <Suspense
          key={pathname.split('/').slice(0, 3).join('/')}
          fallback={<Spinner label={t('app.loading')} />}
        >
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
