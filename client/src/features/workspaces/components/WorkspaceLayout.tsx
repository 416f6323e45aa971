import { clsx } from 'clsx';
import { Suspense } from 'react';
import { NavLink, Outlet, useLocation, useParams } from 'react-router';
import { warmOn } from '../../../app/lazyPage';
import { ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useWorkspace } from '../api';
import { useWorkspaceLive } from '../live';

const sections: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '', label: 'workspaces.overview', end: true },
  { to: 'vision', label: 'nav.vision' },
  { to: 'partners', label: 'nav.partners' },
  { to: 'proposals', label: 'nav.proposals' },
  { to: 'experiments', label: 'nav.experiments' },
  { to: 'connections', label: 'connections.title' },
  { to: 'network', label: 'nav.network' },
  { to: 'activity', label: 'nav.activity' },
];

/** A workspace's frame: its name, section navigation, and the live connection to its room. */
export function WorkspaceLayout() {
  const { wid = '' } = useParams();
  const { t } = useI18n();
  const ws = useWorkspace(wid);
  const live = useWorkspaceLive(wid);
  const { pathname } = useLocation();
  if (ws.isPending) return <Spinner label={t('app.loading')} />;
  if (ws.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <aside>
        <p className="mb-1 truncate text-lg font-semibold" title={ws.data.name}>
          {ws.data.name}
        </p>
        <p
          className="mb-4 flex items-center gap-1.5 text-xs text-slate-500"
          data-testid="live"
          data-live={live}
        >
          <span
            className={clsx('h-2 w-2 rounded-full', live ? 'bg-emerald-500' : 'bg-amber-400')}
            aria-hidden
          />
          {live ? t('activity.live') : t('activity.offline')}
        </p>
        <nav aria-label={t('nav.main')}>
          <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink
                  to={s.to}
                  end={s.end}
                  {...warmOn(`/w/${wid}/${s.to}`)}
                  className={({ isActive }) =>
                    clsx(
                      'block rounded-md px-3 py-2 text-sm',
                      isActive
                        ? 'bg-brand-100 font-medium text-brand-800'
                        : 'text-slate-700 hover:bg-slate-100',
                    )
                  }
                >
                  {t(s.label)}
                </NavLink>
              </li>
            ))}
          </ul>
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
