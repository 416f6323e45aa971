import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Spinner } from '../ui/ui';
import { useI18n } from '../../i18n/i18n';
import { AppHeader } from './AppHeader';

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
      <AppHeader />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-4 sm:py-6"
      >
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
