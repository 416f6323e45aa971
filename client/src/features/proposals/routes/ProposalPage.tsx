import { VOTE_CHOICES, type VoteChoice, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { serverFieldErrors } from '../../../components/ui/form';
import {
  Badge,
  Button,
  Card,
  ErrorNote,
  Field,
  Spinner,
  Textarea,
} from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useMembers } from '../../members/api';
import { usePartners } from '../../partners/api';
import { usePrinciples } from '../../principles/api';
import { useLiveTally, useProposal, useProposalActions } from '../api';
import { explainTally, timeLeft } from '../explain';
import { proposalHints } from '../permissions';

function Bar({
  label,
  value,
  total,
  className,
}: {
  label: string;
  value: number;
  total: number;
  className: string;
}) {
  const w = total > 0 ? Math.min(100, (value / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="w-24 shrink-0">{label}</span>
      <div className="h-3 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className={`h-full ${className}`} style={{ width: `${w}%` }} />
      </div>
      <span className="w-12 text-right tabular-nums">
        {Number.isInteger(value) ? value : value.toFixed(2)}
      </span>
    </div>
  );
}

export function ProposalPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { id = '' } = useParams();
  const { t, tx, locale } = useI18n();
  const me = useMe();
  const proposal = useProposal(ws.id, id);
  const partners = usePartners(ws.id);
  const members = useMembers(ws.id);
  const principles = usePrinciples(ws.id);
  const actions = useProposalActions(ws.id, id);
  useLiveTally(ws.id);
  const [choice, setChoice] = useState<VoteChoice>('yes');
  const [reason, setReason] = useState('');
  const [advice, setAdvice] = useState('');
  const [rationale, setRationale] = useState('');
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const now = useNow(5_000);

  if (proposal.isPending) return <Spinner label={t('app.loading')} />;
  if (proposal.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  const p = proposal.data;
  const partnerName = new Map((partners.data?.items ?? []).map((x) => [x.id, x.name]));
  const userName = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const principleTitle = new Map(
    (principles.data?.items ?? []).map((x, i) => [x.id, `${i + 1}. ${x.title}`]),
  );
  const open = p.status === 'open';
  const myVote = p.votes.find((v) => v.partnerId === ws.myPartnerId);
  const autonomous = p.policy.rule === 'autonomous';
  // The server's own checks (@coalesce/shared), asked about now: only offer what it accepts.
  const may = proposalHints(p, ws, me.data?.id ?? '', now);
  const lines = explainTally(p, tx, {
    formatDate: (s) => fmt.format(new Date(s)),
    deciderNames: p.policy.deciders.map((d) => partnerName.get(d) ?? '…'),
  });
  const voteError = actions.vote.error;

  const onVote = (e: FormEvent) => {
    e.preventDefault();
    actions.vote.mutate({ choice, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold">
              {p.candidate?.name ?? partnerName.get(p.candidatePartnerId)}
            </h1>
            <Badge tone="indigo">{tx(`partners.tiers.${p.tier}`)}</Badge>
            <Badge tone={open ? 'amber' : p.status === 'accepted' ? 'brand' : 'rose'}>
              <span data-testid="proposal-status">{tx(`proposals.statuses.${p.status}`)}</span>
            </Badge>
          </div>
          <p className="text-sm text-slate-500">
            {t('proposals.proposedBy', { name: userName.get(p.proposedBy) ?? '…' })} ·{' '}
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

        <Card className="space-y-3">
          <h2 className="font-semibold">{t('proposals.tallyTitle')}</h2>
          <p className="text-sm text-slate-500">{tx(`proposals.rules.${p.policy.rule}`)}</p>
          {!autonomous && (
            <div className="space-y-1.5" data-testid="tally">
              <Bar
                label={t('proposals.choices.yes')}
                value={p.policy.rule === 'weighted' ? p.tally.yesWeight : p.tally.yes}
                total={p.policy.rule === 'weighted' ? p.tally.totalWeight : p.electorate.length}
                className="bg-emerald-500"
              />
              <Bar
                label={t('proposals.choices.no')}
                value={p.policy.rule === 'weighted' ? p.tally.noWeight : p.tally.no}
                total={p.policy.rule === 'weighted' ? p.tally.totalWeight : p.electorate.length}
                className="bg-rose-500"
              />
              <Bar
                label={t('proposals.choices.abstain')}
                value={p.policy.rule === 'weighted' ? p.tally.abstainWeight : p.tally.abstain}
                total={p.policy.rule === 'weighted' ? p.tally.totalWeight : p.electorate.length}
                className="bg-slate-400"
              />
            </div>
          )}
          <div className="space-y-1 text-sm text-slate-700" data-testid="tally-explained">
            {lines.map((l) => (
              <p key={l}>{l}</p>
            ))}
            {open && p.tally.missing.length > 0 && !autonomous && (
              <p className="text-slate-500">
                {t('proposals.missing', {
                  names: p.tally.missing.map((m) => partnerName.get(m) ?? '…').join(', '),
                })}
              </p>
            )}
          </div>
          {may.vote && (
            <form onSubmit={onVote} className="space-y-2 border-t border-slate-100 pt-3">
              <fieldset className="flex flex-wrap gap-3">
                <legend className="sr-only">{t('proposals.vote')}</legend>
                {VOTE_CHOICES.map((c) => (
                  <label key={c} className="flex items-center gap-1.5 text-sm">
                    <input
                      type="radio"
                      name="choice"
                      value={c}
                      checked={choice === c}
                      onChange={() => setChoice(c)}
                    />
                    {tx(`proposals.choices.${c}`)}
                  </label>
                ))}
              </fieldset>
              <Field
                label={t('proposals.reason')}
                hint={p.policy.rule === 'consensus' ? t('proposals.reasonRequired') : undefined}
                error={serverFieldErrors(voteError).reason}
              >
                {(f) => (
                  <Textarea
                    {...f}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    className="min-h-16"
                  />
                )}
              </Field>
              {voteError && !serverFieldErrors(voteError).reason && (
                <ErrorNote>{voteError.message}</ErrorNote>
              )}
              <Button type="submit" disabled={actions.vote.isPending}>
                {myVote ? t('proposals.changeVote') : t('proposals.castVote')}
              </Button>
            </form>
          )}
          {p.votes.length > 0 && (
            <ul className="space-y-1 border-t border-slate-100 pt-3 text-sm" data-testid="votes">
              {p.votes.map((v) => (
                <li key={v.partnerId}>
                  {t('proposals.votedBy', {
                    partner: partnerName.get(v.partnerId) ?? '…',
                    choice: tx(`proposals.choices.${v.choice}`),
                    name: userName.get(v.castBy) ?? '…',
                  })}
                  {v.reason && <span className="text-slate-500"> — “{v.reason}”</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>

        {autonomous && (
          <Card className="space-y-3">
            <h2 className="font-semibold">{t('proposals.advice')}</h2>
            <p className="text-sm text-slate-500">{t('proposals.adviceHint')}</p>
            <ul className="space-y-2">
              {p.advice.map((a) => (
                <li key={a.id} className="rounded-md bg-slate-50 p-2 text-sm">
                  <p className="whitespace-pre-line">{a.text}</p>
                  <p className="text-xs text-slate-500">
                    {userName.get(a.authorId) ?? '…'} · {fmt.format(new Date(a.createdAt))}
                  </p>
                </li>
              ))}
            </ul>
            {may.advise && (
              <form
                className="space-y-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  actions.advise.mutate({ text: advice }, { onSuccess: () => setAdvice('') });
                }}
              >
                <Field
                  label={t('proposals.giveAdvice')}
                  error={serverFieldErrors(actions.advise.error).text}
                >
                  {(f) => (
                    <Textarea
                      {...f}
                      value={advice}
                      onChange={(e) => setAdvice(e.target.value)}
                      className="min-h-16"
                    />
                  )}
                </Field>
                <Button type="submit" disabled={actions.advise.isPending}>
                  {t('proposals.giveAdvice')}
                </Button>
              </form>
            )}
            {may.decide && (
              <form
                className="space-y-2 border-t border-slate-100 pt-3"
                onSubmit={(e) => e.preventDefault()}
              >
                <Field
                  label={t('proposals.decideRationale')}
                  error={serverFieldErrors(actions.decide.error).rationale}
                >
                  {(f) => (
                    <Textarea
                      {...f}
                      value={rationale}
                      onChange={(e) => setRationale(e.target.value)}
                      className="min-h-16"
                    />
                  )}
                </Field>
                {actions.decide.isError && <ErrorNote>{actions.decide.error.message}</ErrorNote>}
                <div className="flex gap-2">
                  <Button onClick={() => actions.decide.mutate({ outcome: 'accepted', rationale })}>
                    {t('proposals.accept')}
                  </Button>
                  <Button
                    variant="danger"
                    onClick={() => actions.decide.mutate({ outcome: 'rejected', rationale })}
                  >
                    {t('proposals.reject')}
                  </Button>
                </div>
              </form>
            )}
          </Card>
        )}
        {may.withdraw && (
          <Button
            variant="secondary"
            onClick={() =>
              window.confirm(t('proposals.confirmWithdraw')) && actions.withdraw.mutate(undefined)
            }
          >
            {t('proposals.withdraw')}
          </Button>
        )}
      </div>

      <aside className="space-y-5">
        {p.principleFit.length > 0 && (
          <Card>
            <h2 className="mb-2 font-semibold">{t('proposals.principleFit')}</h2>
            <ul className="space-y-2 text-sm">
              {p.principleFit.map((f) => (
                <li key={f.principleId}>
                  <span className={f.fits ? 'text-emerald-700' : 'text-rose-700'}>
                    {f.fits ? '✓' : '✗'}
                  </span>{' '}
                  {principleTitle.get(f.principleId) ?? '…'}
                  {f.note && <span className="block text-xs text-slate-500">{f.note}</span>}
                </li>
              ))}
            </ul>
          </Card>
        )}
        {p.voteHistory.length > 0 && (
          <Card>
            <h2 className="mb-2 font-semibold">{t('proposals.history')}</h2>
            <ol className="space-y-1 text-xs text-slate-600">
              {p.voteHistory.map((v, i) => (
                <li key={i}>
                  {fmt.format(new Date(v.castAt))}: {partnerName.get(v.partnerId) ?? '…'} —{' '}
                  {tx(`proposals.choices.${v.choice}`)}
                  {v.supersededAt && ` (${t('proposals.superseded')})`}
                </li>
              ))}
            </ol>
          </Card>
        )}
      </aside>
    </div>
  );
}
