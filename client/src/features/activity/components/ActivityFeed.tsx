import { ACTIVITY_KINDS } from '@coalesce/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useMembers } from '../../members/api';
import { usePartners } from '../../partners/api';
import { useActivity } from '../api';
import { describeEvent, type DescribeContext } from '../describe';

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
  const { t, tx } = useI18n();
  const [kind, setKind] = useState('');
  const activity = useActivity(workspaceId, { kind: kind || undefined, partnerId });
  const members = useMembers(workspaceId);
  const partners = usePartners(workspaceId);
  const ctx = useMemo<DescribeContext>(
    () => ({
      workspaceId,
      people: new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName])),
      partners: new Map((partners.data?.items ?? []).map((p) => [p.id, p.name])),
    }),
    [workspaceId, members.data, partners.data],
  );
  const fmt = useDateFormat('relative');
  const exact = useDateFormat('dateTime');
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
              <p className="text-sm">
                {describeEvent(e, ctx, tx).map((part, i) =>
                  part.href ? (
                    <Link key={i} to={part.href} className="font-medium text-brand-700 underline">
                      {part.text}
                    </Link>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </p>
              <time
                className="text-xs text-slate-500"
                dateTime={e.createdAt}
                title={exact.format(e.createdAt)}
              >
                {fmt.format(e.createdAt)}
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
