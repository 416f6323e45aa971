import { canPropose, type ProposalDto, type WorkspaceDto } from '@coalesce/shared';
import { Link, useOutletContext } from 'react-router';
import { Badge, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { capacityOf } from '../../workspaces/capacity';
import { useLiveTally, useProposals } from '../api';
import { timeLeft } from '../explain';

const tone = (s: ProposalDto['status']) =>
  s === 'open' ? 'amber' : s === 'accepted' ? 'brand' : s === 'rejected' ? 'rose' : 'slate';

export function ProposalsPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const proposals = useProposals(ws.id);
  const partners = usePartners(ws.id);
  useLiveTally(ws.id);
  const now = useNow();
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const fmt = useDateFormat();
  const myPartner = partners.data?.items.find((x) => x.id === ws.myPartnerId);
  const mayPropose = canPropose(capacityOf(ws), myPartner?.status);

  const items = [...(proposals.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.status === 'open') - Number(a.status === 'open') ||
      b.createdAt.localeCompare(a.createdAt),
  );
  const myVote = (p: ProposalDto) => {
    if (!ws.myPartnerId || !p.electorate.some((e) => e.partnerId === ws.myPartnerId))
      return t('proposals.notInElectorate');
    const v = p.votes.find((x) => x.partnerId === ws.myPartnerId);
    if (!v) return t('proposals.notVoted');
    const mine = t('proposals.myVote', { choice: tx(`proposals.choices.${v.choice}`) });
    // A delegated vote counts until my partner votes itself: say whose it is.
    return v.via
      ? `${mine} (${t('deliberation.proposal.via', { partner: names.get(v.via) ?? '…' })})`
      : mine;
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('proposals.title')}</h1>
        <div className="flex gap-2">
          <Link
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-800 ring-1 ring-brand-500"
            to="../policies"
          >
            {t('policies.title')}
          </Link>
          <Link
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-800 ring-1 ring-brand-500"
            to="../principles"
          >
            {t('principles.title')}
          </Link>
          {mayPropose && (
            <Link
              className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
              to="new"
            >
              {t('proposals.new')}
            </Link>
          )}
        </div>
      </div>
      {proposals.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : proposals.isError ? (
        <ErrorNote>{proposals.error.message}</ErrorNote>
      ) : items.length === 0 ? (
        <p className="text-slate-600">{t('proposals.empty')}</p>
      ) : (
        <ul className="space-y-3" data-testid="proposals">
          {items.map((p) => (
            <li key={p.id}>
              <Link to={p.id} className="block">
                <Card className="transition hover:ring-brand-500">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="font-semibold">
                      {p.candidate?.name ?? names.get(p.candidatePartnerId) ?? '…'}
                    </p>
                    <div className="flex gap-2">
                      <Badge tone="indigo">{tx(`partners.tiers.${p.tier}`)}</Badge>
                      <Badge tone={tone(p.status)}>{tx(`proposals.statuses.${p.status}`)}</Badge>
                    </div>
                  </div>
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600">{p.rationale}</p>
                  <p className="mt-2 text-xs text-slate-500">
                    {tx(`proposals.rules.${p.policy.rule}`)} ·{' '}
                    {p.status === 'open'
                      ? `${t('proposals.timeLeft', { time: timeLeft(p.closesAt, now) })} · ${myVote(p)}`
                      : p.closedAt &&
                        t('proposals.closedAt', { date: fmt.format(new Date(p.closedAt)) })}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
