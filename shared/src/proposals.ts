import { z } from 'zod';
import {
  PROPOSAL_STATUSES,
  TIERS,
  type ProposalStatus,
  type Stage,
  type Tier,
  type VoteChoice,
} from './domain.js';
import type { ElectorateMember, OutcomeReason, Policy, Tally } from './decisions.js';
import { zEmail } from './auth.js';
import type { PartnerDto } from './partners.js';
import { partnerProfileFields } from './partners.js';
import { paginationQuerySchema, zArray, zId, zText } from './schemas.js';

/**
 * An inline candidate: becomes a partner with status `candidate` (weight 1). `contactEmail` (not
 * part of the partner profile) is who gets an invitation to represent the partner once admitted.
 */
export const candidateSchema = z.object({
  ...partnerProfileFields,
  contactEmail: zEmail.optional(),
});
export type CandidateInput = z.input<typeof candidateSchema>;

export const principleFitSchema = z.object({
  principleId: zId,
  fits: z.boolean(),
  note: zText.trim().optional(),
});
export type PrincipleFit = z.infer<typeof principleFitSchema>;

/** ISO-8601 with a zone (`Z` or an offset), e.g. `2030-01-01T12:00:00Z`. */
export const zTimestamp = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 timestamp',
});

/**
 * `POST …/proposals`: exactly one of `candidate` / `candidatePartnerId`.
 * `candidatePartnerId` may name a `candidate` partner, an `active` broad partner proposed for
 * core, or (extension) a `rejected` or `left` partner proposed again.
 */
export const createProposalSchema = z
  .object({
    candidate: candidateSchema.optional(),
    candidatePartnerId: zId.optional(),
    tier: z.enum(TIERS),
    rationale: zText.trim().min(1, 'must not be empty'),
    principleFit: zArray(principleFitSchema).default([]),
    closesAt: zTimestamp.optional(),
  })
  .superRefine((v, ctx) => {
    const both = v.candidate !== undefined && v.candidatePartnerId !== undefined;
    const none = v.candidate === undefined && v.candidatePartnerId === undefined;
    if (both || none) {
      for (const path of ['candidate', 'candidatePartnerId']) {
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'give exactly one of candidate or candidatePartnerId',
          params: { rule: 'one_candidate' },
        });
      }
    }
    const seen = new Set<string>();
    v.principleFit.forEach((f, i) => {
      if (seen.has(f.principleId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['principleFit', i, 'principleId'],
          message: 'is listed twice',
          params: { rule: 'listed_twice' },
        });
      }
      seen.add(f.principleId);
    });
  });
export type CreateProposalInput = z.input<typeof createProposalSchema>;
export type CreateProposal = z.output<typeof createProposalSchema>;

/** `GET …/proposals?status=`: open ones first, then newest first. */
export const proposalListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(PROPOSAL_STATUSES).optional(),
});
export type ProposalListQuery = z.infer<typeof proposalListQuerySchema>;

export interface VoteDto {
  partnerId: string;
  choice: VoteChoice;
  reason: string | null;
  /** The user (a representative of the partner) who cast it. */
  castBy: string;
  castAt: string;
  /** A delegated vote: the delegate partner whose vote counts for `partnerId`. */
  via?: string;
}

export interface VoteHistoryDto extends VoteDto {
  /** When a later vote of the same partner replaced it; null for the current one. */
  supersededAt: string | null;
}

export interface AdviceDto {
  id: string;
  text: string;
  authorId: string;
  /** The partner the author represented when giving it, if any. */
  partnerId: string | null;
  createdAt: string;
}

export interface ProposalOutcomeDto {
  status: Exclude<ProposalStatus, 'open'>;
  reason: OutcomeReason;
  /** Autonomous decisions and withdrawals: the user who decided or withdrew. */
  decidedBy?: string;
  /** Autonomous decisions: the decider partner the user represented (null: a coordinator). */
  decidedByPartnerId?: string | null;
  /** Autonomous decisions: why. */
  rationale?: string;
  /** After closing: what the proposer (or a coordinator) says about the outcome. */
  statement?: ProposalStatementDto;
}

export interface ProposalStatementDto {
  text: string;
  by: string;
  at: string;
}

export interface ProposalDto {
  id: string;
  workspaceId: string;
  status: ProposalStatus;
  tier: Tier;
  candidatePartnerId: string;
  /** The candidate partner as it is now (for convenience). */
  candidate: PartnerDto;
  rationale: string;
  principleFit: PrincipleFit[];
  /** The policy in force when it opened (frozen). */
  policy: Policy;
  /** The stage whose policy was used. */
  stage: Stage;
  /** Frozen at opening: the active partners of the policy's electorate with their weights. */
  electorate: ElectorateMember[];
  consultationEndsAt: string | null;
  closesAt: string;
  closedAt: string | null;
  outcome: ProposalOutcomeDto | null;
  tally: Tally;
  votes: VoteDto[];
  voteHistory: VoteHistoryDto[];
  advice: AdviceDto[];
  proposedBy: string;
  /** When a reminder was last sent by hand (`POST …/remind`), and when the next is allowed. */
  remindedAt: string | null;
  remindAllowedAt: string | null;
  /** The inline candidate's contact; only coordinators and the proposer see it (null otherwise). */
  candidateContactEmail: string | null;
  /** Whether the caller may vote on it, and why not. */
  viewer: ProposalViewerDto;
  createdAt: string;
  updatedAt: string;
}

/**
 * Why the caller may or may not vote:
 * - ok: may vote (represents a partner of the electorate, the proposal is open, not autonomous);
 * - no_partner: represents no partner;
 * - not_in_electorate: their partner is not in the frozen electorate (e.g. broad partners when
 *   only core partners decide);
 * - is_candidate: they represent the candidate itself;
 * - observer: observers only read;
 * - closed: the proposal is no longer open;
 * - autonomous_not_decider: autonomous rule and their partner is not a decider (they may advise).
 */
export const PROPOSAL_VIEWER_REASONS = [
  'ok',
  'no_partner',
  'not_in_electorate',
  'is_candidate',
  'observer',
  'closed',
  'autonomous_not_decider',
] as const;
export type ProposalViewerReason = (typeof PROPOSAL_VIEWER_REASONS)[number];

export interface ProposalViewerDto {
  /** The partner the caller represents (null: none). */
  partnerId: string | null;
  canVote: boolean;
  reason: ProposalViewerReason;
}

/**
 * `POST …/proposals/preview` warnings:
 * - UNREPRESENTED: electorate partners nobody represents (they cannot vote);
 * - EMPTY_ELECTORATE: nobody may vote (no active partner in the electorate);
 * - ZERO_WEIGHT: electorate partners with weight 0 (their votes do not count).
 * `blocksAcceptance`: the proposal cannot be accepted as things stand (e.g. consensus without
 * silence-is-consent while a partner of the electorate has no representative).
 */
export const PROPOSAL_PREVIEW_WARNING_CODES = [
  'UNREPRESENTED',
  'EMPTY_ELECTORATE',
  'ZERO_WEIGHT',
] as const;
export type ProposalPreviewWarningCode = (typeof PROPOSAL_PREVIEW_WARNING_CODES)[number];

export interface ProposalPreviewWarningDto {
  code: ProposalPreviewWarningCode;
  partnerIds: string[];
  blocksAcceptance: boolean;
}

export interface ProposalPreviewElectorateDto {
  partnerId: string;
  name: string;
  weight: number;
  representativeCount: number;
}

/** `POST …/proposals/preview` (same body as create): what opening it now would freeze. */
export interface ProposalPreviewDto {
  tier: Tier;
  stage: Stage;
  policy: Policy;
  closesAt: string;
  consultationEndsAt: string | null;
  electorate: ProposalPreviewElectorateDto[];
  warnings: ProposalPreviewWarningDto[];
}

/** `proposal:tally` to `workspace:<id>`, after every vote and every closing. */
export interface ProposalTallyPayload {
  proposalId: string;
  workspaceId: string;
  status: ProposalStatus;
  tally: Tally;
}

/** `GET …/decision-policies`: the current stage's policies and every stage's. */
export interface DecisionPoliciesDto {
  stage: Stage;
  core: Policy;
  broad: Policy;
  byStage: Record<Stage, Record<Tier, Policy>>;
  /** Which rows were set by a coordinator (the others are the stage defaults). */
  custom: Record<Stage, Record<Tier, boolean>>;
}

/** `GET /api/me/pending-votes`: an open proposal where the caller's partner has no effective vote. */
export interface PendingVoteDto {
  workspaceId: string;
  workspaceName: string;
  proposalId: string;
  partnerId: string;
  candidateName: string;
  tier: Tier;
  closesAt: string;
}
