/**
 * Decision engine: the contract's "Decision semantics" as pure functions over a snapshot of a
 * proposal (its frozen policy and electorate, the current votes, its deadlines). No database, no
 * Nest: the proposals service loads the snapshot, asks these functions, and persists the answer.
 */
import {
  effectiveVotes,
  type ElectorateMember,
  type Electorate,
  type OutcomeReason,
  type PolicyCheck as Check,
  type PolicyRefusal as Refusal,
  type ProposalSnapshot,
  type RefusalReason,
  type PartnerStatus,
  type Policy,
  type ProposalStatus,
  type Tally,
  type Tier,
  type VoteChoice,
} from '@coalesce/shared';

export interface CurrentVote {
  partnerId: string;
  choice: VoteChoice;
}

export type ClosingStatus = 'accepted' | 'rejected' | 'expired';

/** How a proposal ends: becomes `proposal.outcome.{status, reason}`. */
export interface Closing {
  status: ClosingStatus;
  reason: OutcomeReason;
}

export type OnVoteResult = { closed: false } | ({ closed: true } & Closing);

/*
 * Who may vote, advise, decide or withdraw (and the refusal types) live in @coalesce/shared, so
 * the client offers exactly the actions these checks accept.
 */
export type { Check, ProposalSnapshot, Refusal, RefusalReason };
export type { ProposalActor as Actor } from '@coalesce/shared';
export { effectiveVotes } from '@coalesce/shared';
export {
  canAdvise,
  canDecide,
  canVote,
  canWithdraw,
  isOpenAt,
  validateVoteReason,
} from '@coalesce/shared';

const conflict = (reason: RefusalReason, message: string): Refusal => ({
  ok: false,
  error: 'conflict',
  reason,
  message,
});
const invalid = (reason: RefusalReason, path: string[], message: string): Refusal => ({
  ok: false,
  error: 'invalid',
  reason,
  path,
  message,
});
const OK: Check = Object.freeze({ ok: true });

/**
 * Weights are fractional, so sums such as 0.1 + 0.2 land a few ulps away from the value a person
 * means (0.3). Comparisons therefore allow a tolerance relative to the total weight W: rounding
 * error in a sum of n weights is about n·2⁻⁵³·W, many orders below 1e-9·W, while real differences
 * between entered weights are far above it. The tolerance always resolves a "tie" the way the
 * contract resolves an exact tie: quorum reached (P ≥ q·W) and support not (Y/(Y+N) > s is strict).
 */
export const WEIGHT_TOLERANCE = 1e-9;

const tolerance = (totalWeight: number): number => WEIGHT_TOLERANCE * totalWeight;

/** P ≥ quorum·W, with the tolerance counting a rounding-level shortfall as met. */
export function quorumReached(votedWeight: number, totalWeight: number, quorum: number): boolean {
  return votedWeight >= quorum * totalWeight - tolerance(totalWeight);
}

/**
 * Y/(Y+N) > s, written without the division so that Y+N = 0 (nobody said yes or no) is simply
 * "not reached", and with the tolerance keeping a rounding-level surplus a tie, which is not accepted.
 */
export function supportReached(
  yesWeight: number,
  noWeight: number,
  supportThreshold: number,
  totalWeight: number,
): boolean {
  return yesWeight - supportThreshold * (yesWeight + noWeight) > tolerance(totalWeight);
}

/**
 * The tally of the EFFECTIVE votes over the electorate: a partner's own current vote, else its
 * delegate's (`effectiveVotes`), so each electorate partner counts at most once, with its own
 * weight. Votes from partners outside the electorate are ignored; with several votes for one
 * partner the last one counts (it replaced the earlier ones). Weights are summed in electorate
 * order so equal inputs give equal sums.
 */
export function computeTally(electorate: ElectorateMember[], votes: CurrentVote[]): Tally {
  const current = new Map<string, VoteChoice>();
  for (const e of effectiveVotes(electorate, votes)) current.set(e.partnerId, e.vote.choice);

  const tally: Tally = {
    yes: 0,
    no: 0,
    abstain: 0,
    yesWeight: 0,
    noWeight: 0,
    abstainWeight: 0,
    votedWeight: 0,
    totalWeight: 0,
    missing: [],
  };
  for (const { partnerId, weight } of electorate) {
    tally.totalWeight += weight;
    const choice = current.get(partnerId);
    if (choice === undefined) {
      tally.missing.push(partnerId);
      continue;
    }
    tally[choice] += 1;
    tally[`${choice}Weight`] += weight;
    tally.votedWeight += weight;
  }
  return tally;
}

/**
 * The electorate partners without an effective vote (neither their own current vote nor their
 * delegate's, as `effectiveVotes` decides), in electorate order: who a vote reminder is for.
 */
export function partnersOwingVote(
  electorate: readonly ElectorateMember[],
  votes: readonly { partnerId: string }[],
): string[] {
  const voted = new Set(effectiveVotes(electorate, votes).map((e) => e.partnerId));
  return electorate.filter((m) => !voted.has(m.partnerId)).map((m) => m.partnerId);
}

/** The current votes after `vote` casts or replaces its partner's vote. */
export function castVote(votes: CurrentVote[], vote: CurrentVote): CurrentVote[] {
  return [...votes.filter((v) => v.partnerId !== vote.partnerId), vote];
}

/**
 * The weighted rule's verdict on a tally as it stands, as at the deadline: quorum unmet →
 * expired; quorum met but support not → rejected; both → accepted.
 */
export function weightedOutcome(
  tally: Tally,
  policy: Pick<Policy, 'quorum' | 'supportThreshold'>,
): Closing {
  const W = tally.totalWeight;
  if (!quorumReached(tally.votedWeight, W, policy.quorum)) {
    return { status: 'expired', reason: 'quorum_not_reached' };
  }
  if (!supportReached(tally.yesWeight, tally.noWeight, policy.supportThreshold, W)) {
    return { status: 'rejected', reason: 'support_not_reached' };
  }
  return { status: 'accepted', reason: 'support_reached' };
}

/** Consensus once every electorate partner has voted: any `no` blocks; abstains alone do not carry it. */
function consensusAllVoted(tally: Tally): Closing {
  if (tally.no > 0) return { status: 'rejected', reason: 'blocked' };
  if (tally.yes > 0) return { status: 'accepted', reason: 'unanimous' };
  return { status: 'rejected', reason: 'no_support' };
}

function missingWeight(electorate: ElectorateMember[], tally: Tally): number {
  const missing = new Set(tally.missing);
  let sum = 0;
  for (const { partnerId, weight } of electorate) if (missing.has(partnerId)) sum += weight;
  return sum;
}

/**
 * Whether the proposal closes right after a vote, and how.
 *
 * consensus: only when every electorate partner has voted (a `no` does not close it early: its
 * voter may still change it).
 *
 * weighted: as soon as the deadline outcome is the same for every way the missing partners may
 * still act (each votes yes, no or abstain, or stays silent), the cast votes standing as they are.
 * With M the missing weight, P only grows (silence is its minimum) and Y/(Y+N) is lowest when
 * all missing vote no and highest when all vote yes, so:
 *   accepted is certain iff  P ≥ q·W  and  Y/(Y+N+M) > s
 *   rejected is certain iff  P ≥ q·W  and  (Y+M)/(Y+M+N) ≤ s
 *   expired  is certain iff  P+M < q·W  (never with q ≤ 1, since P+M = W; kept for clarity)
 *
 * autonomous: votes are not part of it, it never closes on a vote.
 */
export function evaluateOnVote(
  electorate: ElectorateMember[],
  votes: CurrentVote[],
  policy: Policy,
): OnVoteResult {
  const tally = computeTally(electorate, votes);
  switch (policy.rule) {
    case 'consensus':
      return tally.missing.length === 0
        ? { closed: true, ...consensusAllVoted(tally) }
        : { closed: false };
    case 'weighted': {
      const W = tally.totalWeight;
      const M = missingWeight(electorate, tally);
      const { quorum: q, supportThreshold: s } = policy;
      const { yesWeight: Y, noWeight: N, votedWeight: P } = tally;
      if (quorumReached(P, W, q)) {
        if (supportReached(Y, N + M, s, W)) {
          return { closed: true, status: 'accepted', reason: 'support_reached' };
        }
        if (!supportReached(Y + M, N, s, W)) {
          return { closed: true, status: 'rejected', reason: 'support_not_reached' };
        }
      } else if (!quorumReached(P + M, W, q)) {
        return { closed: true, status: 'expired', reason: 'quorum_not_reached' };
      }
      return { closed: false };
    }
    case 'autonomous':
      return { closed: false };
  }
}

/** How an open proposal ends when `closesAt` arrives with the votes as they are. */
export function evaluateAtDeadline(
  electorate: ElectorateMember[],
  votes: CurrentVote[],
  policy: Policy,
): Closing {
  const tally = computeTally(electorate, votes);
  switch (policy.rule) {
    case 'consensus':
      if (tally.missing.length === 0) return consensusAllVoted(tally);
      if (tally.no > 0) return { status: 'rejected', reason: 'blocked' };
      return policy.silenceIsConsent
        ? { status: 'accepted', reason: 'silence_is_consent' }
        : { status: 'expired', reason: 'votes_missing' };
    case 'weighted':
      return weightedOutcome(tally, policy);
    case 'autonomous':
      return { status: 'expired', reason: 'undecided' };
  }
}

const HOUR_MS = 3_600_000;

const addHours = (at: Date, hours: number): Date =>
  new Date(at.getTime() + Math.round(hours * HOUR_MS));

/** End of the consultation of a proposal opened at `openedAt`; only autonomous proposals have one. */
export function consultationEndsAt(openedAt: Date, policy: Policy): Date | null {
  return policy.rule === 'autonomous' ? addHours(openedAt, policy.consultationHours) : null;
}

/**
 * Deadlines of a proposal opened at `now`. A requested `closesAt` must be in the future and, for
 * autonomous proposals, strictly after the consultation (else no time is left to decide);
 * without one, `closesAt = now + votingHours` (the policy schema keeps the consultation inside).
 */
export function computeClosesAt(
  now: Date,
  policy: Policy,
  requestedClosesAt?: Date | null,
): { ok: true; closesAt: Date; consultationEndsAt: Date | null } | Refusal {
  const consultationEnd = consultationEndsAt(now, policy);
  if (requestedClosesAt === undefined || requestedClosesAt === null) {
    return {
      ok: true,
      closesAt: addHours(now, policy.votingHours),
      consultationEndsAt: consultationEnd,
    };
  }
  const requested = requestedClosesAt.getTime();
  if (Number.isNaN(requested) || requested <= now.getTime()) {
    return invalid('closes_at_not_future', ['closesAt'], 'must be in the future');
  }
  if (consultationEnd !== null && requested <= consultationEnd.getTime()) {
    return invalid(
      'closes_at_within_consultation',
      ['closesAt'],
      'must be after the consultation ends',
    );
  }
  return { ok: true, closesAt: new Date(requested), consultationEndsAt: consultationEnd };
}

/** The proposal state machine: an open proposal ends exactly once, and an ended one stays ended. */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  open: ['accepted', 'rejected', 'withdrawn', 'expired'],
  accepted: [],
  rejected: [],
  withdrawn: [],
  expired: [],
};

export function proposalTransition(from: ProposalStatus, to: ProposalStatus): Check {
  if (PROPOSAL_TRANSITIONS[from].includes(to)) return OK;
  return conflict('invalid_transition', `A proposal cannot go from ${from} to ${to}.`);
}

/** Whether the deadline sweeper should close this proposal now. */
export function isDue(now: Date, proposal: Pick<ProposalSnapshot, 'status' | 'closesAt'>): boolean {
  return proposal.status === 'open' && now.getTime() >= proposal.closesAt.getTime();
}

export interface ElectoratePartner {
  id: string;
  tier: Tier;
  status: PartnerStatus;
  weight: number;
}

/**
 * The active partners of the policy's electorate ('core' = core tier only, 'all' = core and
 * broad) with their weights, sorted by id so the snapshot does not depend on query order. May be
 * empty (the preview shows that; opening refuses it).
 */
export function electorateMembers(
  partners: ElectoratePartner[],
  electorate: Electorate,
): ElectorateMember[] {
  const members: ElectorateMember[] = [];
  for (const p of partners) {
    if (p.status !== 'active' || (electorate === 'core' && p.tier !== 'core')) continue;
    // Weights are validated (≥ 0, finite) where they are written; a bad one here is a bug.
    if (!Number.isFinite(p.weight) || p.weight < 0) {
      throw new RangeError(`Partner ${p.id} has an invalid weight ${p.weight}`);
    }
    members.push({ partnerId: p.id, weight: p.weight });
  }
  members.sort((a, b) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  return members;
}

/** The electorate frozen into a proposal at opening. W = 0 cannot decide anything → conflict. */
export function buildElectorate(
  partners: ElectoratePartner[],
  electorate: Electorate,
  delegations: ReadonlyMap<string, string> = new Map(),
): { ok: true; electorate: ElectorateMember[]; totalWeight: number } | Refusal {
  const members = withDelegates(electorateMembers(partners, electorate), delegations);
  const totalWeight = members.reduce((sum, m) => sum + m.weight, 0);
  if (!(totalWeight > 0)) {
    return conflict('zero_weight', 'The electorate has no weight: nobody could decide.');
  }
  return { ok: true, electorate: members, totalWeight };
}

/**
 * Records each member's standing delegate (`delegations`: partner → delegate) in the snapshot,
 * only when the delegate is another member of the same electorate: a delegate that cannot vote
 * here could not carry the vote.
 */
export function withDelegates(
  members: ElectorateMember[],
  delegations: ReadonlyMap<string, string>,
): ElectorateMember[] {
  const ids = new Set(members.map((m) => m.partnerId));
  return members.map((m) => {
    const to = delegations.get(m.partnerId);
    return to && to !== m.partnerId && ids.has(to) ? { ...m, delegateTo: to } : m;
  });
}
