import type { ProposalDto } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * The tally in words, for the rule the proposal snapshotted: people should not need to know
 * the decision semantics to read where a decision stands.
 */
export function explainTally(
  p: Pick<ProposalDto, 'policy' | 'tally' | 'electorate' | 'consultationEndsAt'>,
  tx: Tx,
  opts: { formatDate(iso: string): string; deciderNames: string[] },
): string[] {
  const { tally, policy } = p;
  if (policy.rule === 'consensus') {
    const voted = p.electorate.length - tally.missing.length;
    const lines = [tx('proposals.consensusExplain', { voted, total: p.electorate.length })];
    if (policy.silenceIsConsent) lines.push(tx('proposals.consensusSilence'));
    return lines;
  }
  if (policy.rule === 'weighted') {
    const needed = policy.quorum * tally.totalWeight;
    const decisive = tally.yesWeight + tally.noWeight;
    return [
      tx('proposals.weightedExplain', {
        voted: num(tally.votedWeight),
        total: num(tally.totalWeight),
        quorum: `${pct(policy.quorum)} = ${num(needed)}`,
        quorumState:
          tally.votedWeight + 1e-9 >= needed
            ? tx('proposals.quorumReached')
            : tx('proposals.quorumNotReached'),
        support: decisive > 0 ? pct(tally.yesWeight / decisive) : '—',
        threshold: pct(policy.supportThreshold),
      }),
    ];
  }
  return [
    tx('proposals.autonomousExplain', {
      until: p.consultationEndsAt ? opts.formatDate(p.consultationEndsAt) : '—',
      deciders: opts.deciderNames.length
        ? opts.deciderNames.join(', ')
        : tx('proposals.autonomousCoordinators'),
    }),
  ];
}

/** "3 d 4 h", "2 h 5 min", "4 min": the time left until a deadline. */
export function timeLeft(closesAt: string, now = Date.now()): string {
  const ms = Math.max(0, new Date(closesAt).getTime() - now);
  const min = Math.floor(ms / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}
