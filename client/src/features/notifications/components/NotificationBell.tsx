import { clsx } from 'clsx';
import { Bell } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import {
  useLiveNotifications,
  useNotificationActions,
  useNotifications,
  useUnreadCount,
} from '../api';
import { describeNotification } from '../describe';

export function NotificationBell() {
  const { t, tx } = useI18n();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(true);
  const list = useNotifications(open);
  const { read, readAll } = useNotificationActions();
  const panel = useRef<HTMLDivElement>(null);
  useLiveNotifications();
  const count = unread.data?.unreadCount ?? 0;
  const fmt = useDateFormat('relative');

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
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 className="font-semibold">{t('notifications.title')}</h2>
            <Button
              variant="ghost"
              size="sm"
              disabled={count === 0}
              onClick={() => readAll.mutate()}
            >
              {t('notifications.readAll')}
            </Button>
          </div>
          <ul className="max-h-96 overflow-y-auto">
            {list.data?.items.length === 0 && (
              <li className="px-4 py-6 text-center text-sm text-slate-500">
                {t('notifications.empty')}
              </li>
            )}
            {list.data?.items.map((n) => {
              const d = describeNotification(n, tx);
              return (
                <li
                  key={n.id}
                  className={clsx(
                    'border-b border-slate-50 px-4 py-2 text-sm',
                    !n.readAt && 'bg-brand-50',
                  )}
                >
                  <Link
                    to={d.href}
                    onClick={() => (!n.readAt && read.mutate(n.id), setOpen(false))}
                    className="block hover:underline"
                  >
                    {d.text}
                  </Link>
                  <time className="text-xs text-slate-500" dateTime={n.createdAt}>
                    {fmt.format(new Date(n.createdAt))}
                  </time>
                </li>
              );
            })}
          </ul>
          <Link
            to="/settings/notifications"
            onClick={() => setOpen(false)}
            className="block px-4 py-2 text-sm text-brand-700 hover:underline"
          >
            {t('notifications.settings')}
          </Link>
        </div>
      )}
    </div>
  );
}
