import type { WorkspaceDto } from '@coalesce/shared';
import { useOutletContext, useParams } from 'react-router';
import { Button, ErrorNote, Spinner } from '../../../components/ui/ui';
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
import { ProposalHeader } from '../components/ProposalHeader';
import { TallyCard } from '../components/TallyCard';
import { ViewerNote } from '../components/ViewerNote';
import { VoteForm } from '../components/VoteForm';
import { explainTally } from '../explain';
import { proposalHints } from '../permissions';
import { Discussion } from '../../threads';

/** One proposal: its outcome or tally, the reader's vote or advice, follow-ups, discussion. */
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
        <ProposalHeader proposal={p} partnerNames={partnerNames} userNames={userNames} now={now} />
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
          <div className="space-y-2">
            <Button
              variant="secondary"
              disabled={withdraw.isPending}
              onClick={() =>
                window.confirm(t('proposals.confirmWithdraw')) && withdraw.mutate(undefined)
              }
            >
              {t('proposals.withdraw')}
            </Button>
            {withdraw.isError && <ErrorNote>{withdraw.error.message}</ErrorNote>}
          </div>
        )}
        <Discussion workspaceId={ws.id} subject={{ type: 'proposal', id: p.id }} />
      </div>
      <ProposalAside proposal={p} partnerNames={partnerNames} principleTitles={principleTitles} />
    </div>
  );
}
