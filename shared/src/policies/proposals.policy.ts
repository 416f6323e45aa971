import type { ElectorateMember, Policy } from '../decisions.js';
import type { DecisionRule, PartnerStatus, ProposalStatus, Role, VoteChoice } from '../domain.js';
import type { Capacity } from './capacity.js';

/*
 * Who may vote, advise, decide or withdraw on a proposal, and when: pure checks over a snapshot
 * of the proposal. The server's decision engine enforces them (a refusal becomes 403/400/409);
 * the client asks the same questions to show only the actions that will be accepted.
 */

/** Machine-readable cause of a refusal, for logs, error messages and tests. */
export type RefusalReason =
  | 'observer'
  | 'no_partner'
  | 'not_in_electorate'
  | 'not_decider'
  | 'not_coordinator'
  | 'not_proposer'
  | 'reason_required'
  | 'closes_at_not_future'
  | 'closes_at_within_consultation'
  | 'closed'
  | 'autonomous_rule'
  | 'not_autonomous'
  | 'consultation_running'
  | 'consultation_over'
  | 'invalid_transition'
  | 'zero_weight'
  | 'still_open'
  | 'closes_at_not_later'
  | 'nobody_missing';

/**
 * `forbidden` → 403, `invalid` → 400 (with `path` for the error details), `conflict` → 409.
 * Checks return the first refusal in the contract's precedence 403 → 400 → 409.
 */
export type PolicyRefusal =
  | { ok: false; error: 'forbidden'; reason: RefusalReason; message: string }
  | { ok: false; error: 'invalid'; reason: RefusalReason; message: string; path: string[] }
  | { ok: false; error: 'conflict'; reason: RefusalReason; message: string };

export type PolicyCheck = { ok: true } | PolicyRefusal;

/** What the phase rules need to know about a proposal. */
export interface ProposalSnapshot {
  status: ProposalStatus;
  policy: Policy;
  electorate: ElectorateMember[];
  consultationEndsAt: Date | null;
  closesAt: Date;
}

/** The caller: their workspace role and the partner they represent, if any. */
export interface ProposalActor {
  role: Role;
  partnerId: string | null;
}

const forbidden = (reason: RefusalReason, message: string): PolicyRefusal => ({
  ok: false,
  error: 'forbidden',
  reason,
  message,
});
const conflict = (reason: RefusalReason, message: string): PolicyRefusal => ({
  ok: false,
  error: 'conflict',
  reason,
  message,
});
const invalid = (reason: RefusalReason, path: string[], message: string): PolicyRefusal => ({
  ok: false,
  error: 'invalid',
  reason,
  path,
  message,
});
const OK: PolicyCheck = Object.freeze({ ok: true });

/**
 * May this person open a proposal? Representatives of an active partner, brokers and
 * coordinators; never observers. `partnerStatus` is the status of the partner they represent.
 */
export function canPropose(
  m: Pick<Capacity, 'role' | 'broker' | 'partnerId'>,
  partnerStatus: PartnerStatus | null | undefined,
): boolean {
  if (m.role === 'observer') return false;
  if (m.role === 'coordinator' || m.broker) return true;
  return m.partnerId !== null && partnerStatus === 'active';
}

export const PROPOSE_DENIED =
  'Only representatives of active partners, brokers and coordinators can propose';

/** Consensus only: a `no` blocks, so it must say why. Whitespace alone is no reason. */
export function validateVoteReason(
  rule: DecisionRule,
  vote: { choice: VoteChoice; reason?: string | null },
): PolicyCheck {
  if (rule === 'consensus' && vote.choice === 'no' && !vote.reason?.trim()) {
    return invalid('reason_required', ['reason'], 'A no vote needs a reason under consensus.');
  }
  return OK;
}

/** Open and its deadline not yet reached (the sweeper may not have closed it yet). */
export function isOpenAt(
  now: Date,
  proposal: Pick<ProposalSnapshot, 'status' | 'closesAt'>,
): boolean {
  return proposal.status === 'open' && now.getTime() < proposal.closesAt.getTime();
}

/**
 * May `actor` cast or replace their partner's vote now? Precedence 403 → 400 → 409, as in the
 * contract's error rules: who you are is checked first (observer, no partner, partner outside
 * the frozen electorate), then the input (consensus `no` without a reason), then the state
 * (closed or past `closesAt`, then the autonomous rule, which takes no votes).
 */
export function canVote(
  now: Date,
  proposal: ProposalSnapshot,
  actor: ProposalActor,
  vote: { choice: VoteChoice; reason?: string | null },
): PolicyCheck {
  if (actor.role === 'observer') return forbidden('observer', 'Observers cannot vote.');
  if (actor.partnerId === null) {
    return forbidden('no_partner', 'Only a representative of a partner can vote.');
  }
  const partnerId = actor.partnerId;
  if (!proposal.electorate.some((m) => m.partnerId === partnerId)) {
    return forbidden('not_in_electorate', "Your partner is not in this proposal's electorate.");
  }
  const reason = validateVoteReason(proposal.policy.rule, vote);
  if (!reason.ok) return reason;
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  if (proposal.policy.rule === 'autonomous') {
    return conflict('autonomous_rule', 'This proposal is decided autonomously, not by vote.');
  }
  return OK;
}

/**
 * May `actor` give advice now? Any member but observers; only on an open autonomous proposal
 * and only during its consultation, [opening, consultationEndsAt).
 */
export function canAdvise(
  now: Date,
  proposal: ProposalSnapshot,
  actor: Pick<ProposalActor, 'role'>,
): PolicyCheck {
  if (actor.role === 'observer') return forbidden('observer', 'Observers cannot give advice.');
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  if (proposal.policy.rule !== 'autonomous' || proposal.consultationEndsAt === null) {
    return conflict('not_autonomous', 'Advice is only asked on autonomous proposals.');
  }
  if (now.getTime() >= proposal.consultationEndsAt.getTime()) {
    return conflict('consultation_over', 'The consultation has ended.');
  }
  return OK;
}

/**
 * May `actor` decide now? Who: a representative of a decider partner, or a coordinator when the
 * policy names no deciders (403 otherwise; a coordinator is not a decider by role when deciders
 * are named). When: an open autonomous proposal in [consultationEndsAt, closesAt) (409 otherwise).
 */
export function canDecide(
  now: Date,
  proposal: ProposalSnapshot,
  actor: ProposalActor,
): PolicyCheck {
  if (actor.role === 'observer') return forbidden('observer', 'Observers cannot decide.');
  const deciders = proposal.policy.deciders;
  if (deciders.length > 0) {
    if (actor.partnerId === null || !deciders.includes(actor.partnerId)) {
      return forbidden('not_decider', 'Only a representative of a decider partner can decide.');
    }
  } else if (actor.role !== 'coordinator') {
    return forbidden('not_coordinator', 'Without named deciders, a coordinator decides.');
  }
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  if (proposal.policy.rule !== 'autonomous' || proposal.consultationEndsAt === null) {
    return conflict('not_autonomous', 'Only autonomous proposals are decided this way.');
  }
  if (now.getTime() < proposal.consultationEndsAt.getTime()) {
    return conflict('consultation_running', 'The consultation is still running.');
  }
  return OK;
}

/** Withdrawal: by the proposer or a coordinator (403), while open and before `closesAt` (409). */
export function canWithdraw(
  now: Date,
  proposal: Pick<ProposalSnapshot, 'status' | 'closesAt'> & { proposedBy: string },
  actor: { userId: string; role: Role },
): PolicyCheck {
  if (actor.userId !== proposal.proposedBy && actor.role !== 'coordinator') {
    return forbidden('not_proposer', 'Only the proposer or a coordinator can withdraw it.');
  }
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  return OK;
}

/** A statement on the outcome: by the proposer or a coordinator (403), once closed (409). */
export function canAddStatement(
  proposal: Pick<ProposalSnapshot, 'status'> & { proposedBy: string },
  actor: { userId: string; role: Role },
): PolicyCheck {
  if (actor.role === 'observer') return forbidden('observer', 'Observers only read.');
  if (actor.userId !== proposal.proposedBy && actor.role !== 'coordinator') {
    return forbidden('not_proposer', 'Only the proposer or a coordinator can add a statement.');
  }
  if (proposal.status === 'open') {
    return conflict('still_open', 'The proposal is still open: a statement follows its outcome.');
  }
  return OK;
}

/** A reminder by hand: by the proposer or a coordinator (403), while open (409). */
export function canRemind(
  now: Date,
  proposal: Pick<ProposalSnapshot, 'status' | 'closesAt' | 'policy'> & { proposedBy: string },
  actor: { userId: string; role: Role },
): PolicyCheck {
  if (actor.role === 'observer') return forbidden('observer', 'Observers only read.');
  if (actor.userId !== proposal.proposedBy && actor.role !== 'coordinator') {
    return forbidden('not_proposer', 'Only the proposer or a coordinator can send a reminder.');
  }
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  if (proposal.policy.rule === 'autonomous') {
    return conflict('autonomous_rule', 'An autonomous proposal is decided, not voted on.');
  }
  return OK;
}

/**
 * Moving the deadline: coordinators only (403), while open (409), and only later than the
 * current `closesAt` (400).
 */
export function canExtend(
  now: Date,
  proposal: Pick<ProposalSnapshot, 'status' | 'closesAt'>,
  actor: { role: Role },
  closesAt?: Date,
): PolicyCheck {
  if (actor.role !== 'coordinator') {
    return forbidden('not_coordinator', 'Only a coordinator can extend a proposal.');
  }
  if (closesAt !== undefined) {
    if (Number.isNaN(closesAt.getTime()) || closesAt.getTime() <= proposal.closesAt.getTime()) {
      return invalid(
        'closes_at_not_later',
        ['closesAt'],
        'must be later than the current deadline',
      );
    }
  }
  if (!isOpenAt(now, proposal)) return conflict('closed', 'The proposal is closed.');
  return OK;
}
