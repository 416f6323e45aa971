import { clsx } from 'clsx';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useNotificationActions, useNotifications } from '../api';
import { describeNotification } from '../describe';

/**
 * The bell's open panel: the latest notifications as sentences, each a link to what it is about.
 * A chunk of its own (NotificationBell loads it on first hover, focus or click): most page loads
 * never open it.
 */
export function NotificationPanel({ count, close }: { count: number; close: () => void }) {
  const { t, tx } = useI18n();
  const list = useNotifications(true);
  const { read, readAll } = useNotificationActions();
  const fmt = useDateFormat('relative');
  return (
    <>
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
        <h2 className="font-semibold">{t('notifications.title')}</h2>
        <Button variant="ghost" size="sm" disabled={count === 0} onClick={() => readAll.mutate()}>
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
                onClick={() => (!n.readAt && read.mutate(n.id), close())}
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
        onClick={close}
        className="block px-4 py-2 text-sm text-brand-700 hover:underline"
      >
        {t('notifications.settings')}
      </Link>
    </>
  );
}
