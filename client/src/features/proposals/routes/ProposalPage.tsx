import type { WorkspaceDto } from '@coalesce/shared';
import { useOutletContext, useParams } from 'react-router';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useMembers } from '../../members/api';
import { usePartners } from '../../partners/api';
import { usePrinciples } from '../../principles/api';
import { useLiveTally, useProposal, useProposalActions } from '../api';
import { AdviceCard } from '../components/AdviceCard';
import { FollowUpCard, StatementCard } from '../components/FollowUpCards';
import { ProposalAside } from '../components/ProposalAside';
import { TallyCard } from '../components/TallyCard';
import { ViewerNote } from '../components/ViewerNote';
import { VoteForm } from '../components/VoteForm';
import { explainTally, timeLeft } from '../explain';
import { proposalHints } from '../permissions';
import { Discussion } from '../../threads';

export function ProposalPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { id = '' } = useParams();
  const { t, tx } = useI18n();
  const me = useMe();
  const proposal = useProposal(ws.id, id);
  const partners = usePartners(ws.id);
  const members = useMembers(ws.id);
  const principles = usePrinciples(ws.id);
  const { withdraw } = useProposalActions(ws.id, id);
  useLiveTally(ws.id);
  const fmt = useDateFormat();
  const now = useNow(5_000);

  if (proposal.isPending) return <Spinner label={t('app.loading')} />;
  if (proposal.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const p = proposal.data;
  const partnerNames = new Map((partners.data?.items ?? []).map((x) => [x.id, x.name]));
  const userNames = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const principleTitles = new Map(
    (principles.data?.items ?? []).map((x, i) => [x.id, `${i + 1}. ${x.title}`]),
  );
  const open = p.status === 'open';
  const autonomous = p.policy.rule === 'autonomous';
  // The server's own checks (@coalesce/shared), asked about now: only offer what it accepts.
  const may = proposalHints(p, ws, me.data?.id ?? '', now);
  const lines = explainTally(p, tx, {
    formatDate: (s) => fmt.format(new Date(s)),
    deciderNames: p.policy.deciders.map((d) => partnerNames.get(d) ?? '…'),
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
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
        {p.outcome && (
          <StatementCard wid={ws.id} proposal={p} userNames={userNames} canWrite={may.statement} />
        )}
        <TallyCard proposal={p} lines={lines} partnerNames={partnerNames} userNames={userNames}>
          <ViewerNote
            proposal={p}
            partnerNames={partnerNames}
            coordinator={ws.myRole === 'coordinator'}
          />
          {may.vote && (
            <VoteForm
              wid={ws.id}
              proposal={p}
              voted={p.votes.some((v) => v.partnerId === ws.myPartnerId && !v.via)}
            />
          )}
        </TallyCard>
        {autonomous && (
          <AdviceCard
            wid={ws.id}
            proposal={p}
            userNames={userNames}
            canAdvise={may.advise}
            canDecide={may.decide}
          />
        )}
        {open && (
          <FollowUpCard
            wid={ws.id}
            proposal={p}
            canRemind={may.remind}
            canExtend={may.extend}
            now={now}
          />
        )}
        {may.withdraw && (
          <Button
            variant="secondary"
            onClick={() =>
              window.confirm(t('proposals.confirmWithdraw')) && withdraw.mutate(undefined)
            }
          >
            {t('proposals.withdraw')}
          </Button>
        )}
        <Discussion workspaceId={ws.id} subject={{ type: 'proposal', id: p.id }} />
      </div>
      <ProposalAside proposal={p} partnerNames={partnerNames} principleTitles={principleTitles} />
    </div>
  );
}
