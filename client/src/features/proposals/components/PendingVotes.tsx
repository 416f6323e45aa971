import { Link } from 'react-router';
import { Card } from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useI18n } from '../../../i18n/i18n';
import { usePendingVotes } from '../api';
import { timeLeft } from '../explain';

/** "Needs your vote": open proposals in all my networks where my partner has no vote yet. */
export function PendingVotes() {
  const { t, tx } = useI18n();
  const pending = usePendingVotes();
  const now = useNow(60_000);
  const items = pending.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card className="space-y-2 ring-2 ring-amber-300">
      <h2 className="text-lg font-semibold" id="needs-your-vote">
        {t('deliberation.pending.title')}
      </h2>
      <ul className="divide-y divide-slate-100" data-testid="pending-votes">
        {items.map((i) => (
          <li key={i.proposalId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <Link
              to={`/w/${i.workspaceId}/proposals/${i.proposalId}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {t('deliberation.pending.item', {
                candidate: i.candidateName,
                tier: tx(`activity.tiers.${i.tier}`),
                workspace: i.workspaceName,
              })}
            </Link>
            <span className="text-sm text-slate-500">
              {t('deliberation.pending.closes', { time: timeLeft(i.closesAt, now) })}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
