import { canViewBrokerFollowThrough, type WorkspaceDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useParams } from 'react-router';
import { warmOn } from '../../../app/lazyPage';
import { ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useWorkspace } from '../api';
import { useWorkspaceLive } from '../live';
import { capacityOf } from '../capacity';

const sections: {
  to: string;
  label: MessageKey;
  end?: boolean;
  /** Shown only to whom the rule allows (the server enforces it too). */
  only?: (ws: WorkspaceDto) => boolean;
}[] = [
  { to: '', label: 'workspaces.overview', end: true },
  { to: 'vision', label: 'nav.vision' },
  { to: 'partners', label: 'nav.partners' },
  { to: 'proposals', label: 'nav.proposals' },
  { to: 'experiments', label: 'nav.experiments' },
  { to: 'connections', label: 'connections.title' },
  { to: 'network', label: 'nav.network' },
  { to: 'surveys', label: 'surveys.nav' },
  {
    to: 'participation',
    label: 'participation.nav',
    only: (ws) => canViewBrokerFollowThrough(capacityOf(ws)),
  },
  { to: 'activity', label: 'nav.activity' },
  { to: 'research', label: 'nav.research' },
];

/**
 * A workspace's frame: its name, section navigation, and the live connection to its room. On a
 * phone the sections are one row that scrolls sideways (faded at the edge, the current one
 * scrolled into view); from `md` on they are a column beside the page.
 */
export function WorkspaceLayout() {
  const { wid = '' } = useParams();
  const { t } = useI18n();
  const ws = useWorkspace(wid);
  const live = useWorkspaceLive(wid);
  const row = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    const list = row.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current || list.scrollWidth <= list.clientWidth) return;
    // Centre the current section in the row; scrollIntoView would also move the page.
    const left = current.offsetLeft - list.offsetLeft;
    list.scrollLeft = Math.max(0, left - (list.clientWidth - current.offsetWidth) / 2);
  }, [pathname, ws.isSuccess]);

  if (ws.isPending) return <Spinner label={t('app.loading')} />;
  if (ws.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  return (
    <div className="grid gap-4 md:grid-cols-[14rem_1fr] md:gap-6">
      <aside className="min-w-0">
        <div className="mb-2 flex items-baseline justify-between gap-3 md:mb-4 md:block">
          <p className="truncate text-lg font-semibold md:mb-1" title={ws.data.name}>
            {ws.data.name}
          </p>
          <p
            className="flex shrink-0 items-center gap-1.5 text-xs text-slate-600"
            data-testid="live"
            data-live={live}
          >
            <span
              className={clsx('h-2 w-2 rounded-full', live ? 'bg-emerald-500' : 'bg-amber-400')}
              aria-hidden
            />
            {live ? t('activity.live') : t('activity.offline')}
          </p>
        </div>
        <nav aria-label={t('nav.main')} className="relative -mx-4 md:mx-0">
          <ul
            ref={row}
            className="flex snap-x flex-row flex-nowrap gap-1 overflow-x-auto px-4 pb-1 [scrollbar-width:thin] md:flex-col md:overflow-visible md:px-0 md:pb-0"
          >
            {sections
              .filter((s) => !s.only || s.only(ws.data))
              .map((s) => (
                <li key={s.to} className="shrink-0 snap-start">
                  <NavLink
                    to={s.to}
                    end={s.end}
                    {...warmOn(`/w/${wid}/${s.to}`)}
                    className={({ isActive }) =>
                      clsx(
                        'block whitespace-nowrap rounded-md px-3 py-2 text-sm',
                        isActive
                          ? 'bg-brand-100 font-medium text-brand-800'
                          : 'bg-slate-100 text-slate-700 hover:bg-slate-200 md:bg-transparent md:hover:bg-slate-100',
                      )
                    }
                  >
                    {t(s.label)}
                  </NavLink>
                </li>
              ))}
          </ul>
          {/* The fade says "there is more this way" on a phone. */}
          <span
            aria-hidden
            className="pointer-events-none absolute inset-y-0 right-0 w-8 bg-gradient-to-l from-slate-50 md:hidden"
          />
        </nav>
      </aside>
      <div className="min-w-0">
        {/* The page's code may still be loading: show the workspace frame meanwhile. */}
        <Suspense key={pathname} fallback={<Spinner label={t('app.loading')} />}>
          <Outlet context={ws.data} />
        </Suspense>
      </div>
    </div>
  );
}
