import { z } from 'zod';
import {
  DECISION_RULES,
  ELECTORATES,
  STAGES,
  VOTE_CHOICES,
  type Stage,
  type Tier,
} from './domain.js';
import { zArray, zId, zText } from './schemas.js';

/**
 * Upper bound for `votingHours` and `consultationHours` (ten years). The contract only asks for
 * "> 0"; without a ceiling a huge value would push `closesAt` past the largest representable
 * date and turn bad input into a 5xx.
 */
export const POLICY_HOURS_MAX = 24 * 366 * 10;

const zHours = z
  .number()
  .positive('must be greater than 0')
  .max(POLICY_HOURS_MAX, `must be at most ${POLICY_HOURS_MAX}`);

/** Decision policy fields without cross-field checks, so the PUT body can extend it. */
const policyFields = {
  rule: z.enum(DECISION_RULES),
  electorate: z.enum(ELECTORATES).default('core'),
  votingHours: zHours.default(168),
  quorum: z.number().min(0).max(1).default(0.5),
  supportThreshold: z.number().min(0).lt(1, 'must be less than 1').default(0.5),
  silenceIsConsent: z.boolean().default(false),
  deciders: zArray(zId).default([]),
  consultationHours: zHours.default(48),
};

// Only autonomous proposals have a consultation, so only there must it fit inside the vote window.
function checkConsultation(
  policy: { rule: string; votingHours: number; consultationHours: number },
  ctx: z.core.$RefinementCtx,
): void {
  if (policy.rule === 'autonomous' && policy.consultationHours > policy.votingHours) {
    ctx.addIssue({
      code: 'custom',
      path: ['consultationHours'],
      message: 'must not exceed votingHours for the autonomous rule',
      params: { rule: 'consultation_too_long' },
    });
  }
}

/** API contract "Decision policies". Fields left out take the defaults. */
export const policySchema = z.object(policyFields).superRefine(checkConsultation);
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** `PUT …/decision-policies/:tier`: a whole policy, optionally for a stage other than the current one. */
export const policyPutSchema = z
  .object({ stage: z.enum(STAGES).optional(), ...policyFields })
  .superRefine(checkConsultation);
export type PolicyPut = z.infer<typeof policyPutSchema>;

/** The most conservative policy: every core partner must agree. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  rule: 'consensus',
  electorate: 'core',
  votingHours: 168,
  quorum: 0.5,
  supportThreshold: 0.5,
  silenceIsConsent: false,
  deciders: [],
  consultationHours: 48,
});

/**
 * Stage defaults from the source: consensus dominates the first stage; later, core admission stays
 * consensual while broad partners join around experiments, decided autonomously after consultation.
 */
export function defaultPoliciesForStage(stage: Stage): Record<Tier, Policy> {
  const consensus = (): Policy => ({ ...DEFAULT_POLICY, rule: 'consensus', deciders: [] });
  if (stage === 'hypothesis_vision') return { core: consensus(), broad: consensus() };
  return { core: consensus(), broad: { ...DEFAULT_POLICY, rule: 'autonomous', deciders: [] } };
}

/** `proposal.tally`: counts and weights of the current votes over the proposal's electorate. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  yesWeight: number;
  noWeight: number;
  abstainWeight: number;
  votedWeight: number;
  totalWeight: number;
  /** Electorate partners without a current vote, in electorate order. */
  missing: string[];
}

/** One entry of `proposal.electorate`: who may vote, with the weight frozen at opening. */
export interface ElectorateMember {
  partnerId: string;
  weight: number;
  /**
   * The partner's delegate at opening, kept only when the delegate is in the same electorate:
   * without a vote of its own, the delegate's current vote counts for it.
   */
  delegateTo?: string;
}

/** A partner's effective vote: its own, or (`via`) the vote of its delegate. */
export interface EffectiveVote<V extends { partnerId: string }> {
  partnerId: string;
  vote: V;
  /** Set when the vote is the delegate's. */
  via?: string;
}

/**
 * The effective votes over an electorate, in electorate order: a partner's own current vote,
 * else its delegate's own current vote (never the delegate's delegate, so nobody counts
 * twice and chains do not exist). `votes` are current votes; with several for one partner the
 * last one counts. Votes of partners outside the electorate are ignored.
 */
export function effectiveVotes<V extends { partnerId: string }>(
  electorate: readonly ElectorateMember[],
  votes: readonly V[],
): EffectiveVote<V>[] {
  const own = new Map<string, V>();
  for (const v of votes) own.set(v.partnerId, v);
  const members = new Set(electorate.map((m) => m.partnerId));
  const out: EffectiveVote<V>[] = [];
  for (const m of electorate) {
    const mine = own.get(m.partnerId);
    if (mine) {
      out.push({ partnerId: m.partnerId, vote: mine });
      continue;
    }
    const d = m.delegateTo;
    const theirs = d && d !== m.partnerId && members.has(d) ? own.get(d) : undefined;
    if (theirs) out.push({ partnerId: m.partnerId, vote: theirs, via: d });
  }
  return out;
}

/** `POST …/proposals/:id/votes`. Whether a reason is required depends on the rule (consensus `no`). */
export const voteInputSchema = z.object({
  choice: z.enum(VOTE_CHOICES),
  reason: zText.trim().optional(),
});
export type VoteInput = z.infer<typeof voteInputSchema>;

/** `POST …/proposals/:id/statement`: the proposer's (or a coordinator's) word on the outcome. */
export const statementInputSchema = z.object({
  text: zText.trim().min(1, 'must not be empty'),
});
export type StatementInput = z.infer<typeof statementInputSchema>;

/** `PATCH …/proposals/:id`: a coordinator moves the deadline of an open proposal later. */
export const extendProposalSchema = z.object({
  closesAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 timestamp' }),
});
export type ExtendProposalInput = z.infer<typeof extendProposalSchema>;

/** A reminder to vote may be sent at most this often per proposal. */
export const REMIND_INTERVAL_MS = 3_600_000;

export const DECIDE_OUTCOMES = ['accepted', 'rejected'] as const;
export type DecideOutcome = (typeof DECIDE_OUTCOMES)[number];

/** `POST …/proposals/:id/decide`: an autonomous decision must be explained. */
export const decideInputSchema = z.object({
  outcome: z.enum(DECIDE_OUTCOMES),
  rationale: zText.trim().min(1, 'must not be empty'),
});
export type DecideInput = z.infer<typeof decideInputSchema>;

/** `POST …/proposals/:id/advice`. */
export const adviceInputSchema = z.object({
  text: zText.trim().min(1, 'must not be empty'),
});
export type AdviceInput = z.infer<typeof adviceInputSchema>;

/**
 * Machine-readable `proposal.outcome.reason`, so the client can phrase it in nl or en.
 * - unanimous: consensus, everyone voted, at least one yes and no `no`
 * - blocked: consensus, a `no` (when everyone voted or at the deadline)
 * - no_support: consensus, everyone voted but nobody said yes (abstains only)
 * - silence_is_consent: consensus at the deadline, missing votes counted as yes
 * - votes_missing: consensus at the deadline, votes missing, no `no`, no silence-is-consent
 * - support_reached / support_not_reached / quorum_not_reached: weighted
 * - decided: autonomous decision by a decider
 * - undecided: autonomous, nobody decided before the deadline
 * - withdrawn: proposer or coordinator withdrew it
 */
export const OUTCOME_REASONS = [
  'unanimous',
  'blocked',
  'no_support',
  'silence_is_consent',
  'votes_missing',
  'support_reached',
  'support_not_reached',
  'quorum_not_reached',
  'decided',
  'undecided',
  'withdrawn',
] as const;
export type OutcomeReason = (typeof OUTCOME_REASONS)[number];
