import type { ProposalDto } from '@coalesce/shared';
import { Badge, Card } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { timeLeft } from '../explain';

/** Who is proposed for which circle, where it stands, by whom, until when; then its outcome. */
export function ProposalHeader({
  proposal: p,
  partnerNames,
  userNames,
  now,
}: {
  proposal: ProposalDto;
  partnerNames: Map<string, string>;
  userNames: Map<string, string>;
  now: number;
}) {
  const { t, tx } = useI18n();
  const fmt = useDateFormat();
  const open = p.status === 'open';
  return (
    <>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold">
            {p.candidate?.name ?? partnerNames.get(p.candidatePartnerId)}
          </h1>
          <Badge tone="indigo">{tx(`partners.tiers.${p.tier}`)}</Badge>
          <Badge tone={open ? 'amber' : p.status === 'accepted' ? 'brand' : 'rose'}>
            <span data-testid="proposal-status">{tx(`proposals.statuses.${p.status}`)}</span>
          </Badge>
        </div>
        <p className="text-sm text-slate-500">
          {t('proposals.proposedBy', { name: userNames.get(p.proposedBy) ?? '…' })} ·{' '}
          {open
            ? `${t('proposals.closesAt', { date: fmt.format(new Date(p.closesAt)) })} (${t('proposals.timeLeft', { time: timeLeft(p.closesAt, now) })})`
            : p.closedAt && t('proposals.closedAt', { date: fmt.format(new Date(p.closedAt)) })}
        </p>
        <p className="whitespace-pre-line">{p.rationale}</p>
      </header>
      {p.outcome && (
        <Card className="ring-brand-500">
          <h2 className="font-semibold">{t('proposals.outcome')}</h2>
          <p data-testid="proposal-outcome">
            {tx(`proposals.statuses.${p.outcome.status}`)} —{' '}
            {tx(`proposals.reasons.${p.outcome.reason}`)}
          </p>
          {p.outcome.rationale && (
            <p className="mt-1 text-sm text-slate-600">{p.outcome.rationale}</p>
          )}
        </Card>
      )}
    </>
  );
}
