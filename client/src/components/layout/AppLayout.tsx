import { Outlet } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { AppHeader } from './AppHeader';

/** The frame of every page: skip link, banner with brand and language, and the main region. */
export function AppLayout() {
  const { t } = useI18n();
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
        <Outlet />
      </main>
    </div>
  );
}
