import { ACTIVITY_KINDS } from '@coalesce/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMembers } from '../../members/api';
import { useActivity } from '../api';
import { describeEvent } from '../describe';

/** The workspace's event log, newest first; refreshed live by the workspace room. */
export function ActivityFeed({
  workspaceId,
  compact = false,
  partnerId,
  title,
}: {
  workspaceId: string;
  compact?: boolean;
  partnerId?: string;
  title?: string;
}) {
  const { t, tx, locale } = useI18n();
  const [kind, setKind] = useState('');
  const activity = useActivity(workspaceId, { kind: kind || undefined, partnerId });
  const members = useMembers(workspaceId);
  const names = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName])),
    [members.data],
  );
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const events = activity.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {compact ? (
            <Link to="activity">{t('activity.title')}</Link>
          ) : (
            (title ?? t('activity.title'))
          )}
        </h2>
        {!compact && (
          <label className="flex items-center gap-2 text-sm">
            {t('activity.filter')}
            <select
              className="rounded-md border border-slate-300 px-2 py-1"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
            >
              <option value="">{t('activity.filterAll')}</option>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tx(`activity.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {activity.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : activity.isError ? (
        <ErrorNote>{t('errors.generic')}</ErrorNote>
      ) : events.length === 0 ? (
        <p className="text-sm text-slate-500">{t('activity.empty')}</p>
      ) : (
        <ol className="space-y-3" data-testid="activity-feed" aria-live="polite">
          {(compact ? events.slice(0, 12) : events).map((e) => (
            <li key={e.id} className="border-l-2 border-brand-100 pl-3" data-type={e.type}>
              <p className="text-sm">{describeEvent(e, names, tx)}</p>
              <time className="text-xs text-slate-500" dateTime={e.createdAt}>
                {fmt.format(new Date(e.createdAt))}
              </time>
            </li>
          ))}
        </ol>
      )}
      {!compact && activity.hasNextPage && (
        <Button
          variant="secondary"
          className="mt-4"
          disabled={activity.isFetchingNextPage}
          onClick={() => void activity.fetchNextPage()}
        >
          {t('activity.more')}
        </Button>
      )}
    </Card>
  );
}
