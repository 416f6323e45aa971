import { Bell } from 'lucide-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Spinner } from '../../../components/ui/ui';
import { activeLocale, loadCatalog, useI18n } from '../../../i18n/i18n';
import { useLiveNotifications, useUnreadCount } from '../api';

/** The panel's code and its words (the `pages` part of the reader's messages), together. */
const loadPanel = () =>
  Promise.all([import('./NotificationPanel'), loadCatalog(activeLocale(), 'pages')]).then(
    ([m]) => m,
  );
const NotificationPanel = lazy(() => loadPanel().then((m) => ({ default: m.NotificationPanel })));

/** The unread count, live; the panel's code comes when the reader reaches for the bell. */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(true);
  const panel = useRef<HTMLDivElement>(null);
  useLiveNotifications();
  const count = unread.data?.unreadCount ?? 0;
  const warm = () => void loadPanel().catch(() => undefined);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !panel.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-label={t('notifications.bell', { n: count })}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={warm}
        onFocus={warm}
        className="relative rounded-md p-2 text-slate-700 hover:bg-slate-100"
        data-testid="bell"
      >
        <Bell className="h-5 w-5" aria-hidden />
        {count > 0 && (
          <span
            className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs font-semibold text-white"
            data-testid="unread-count"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div
          className="absolute right-0 z-20 mt-2 w-96 max-w-[90vw] rounded-lg bg-white shadow-lg ring-1 ring-slate-200"
          role="dialog"
          aria-label={t('notifications.title')}
        >
          <Suspense fallback={<Spinner label={t('app.loading')} />}>
            <NotificationPanel count={count} close={() => setOpen(false)} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
