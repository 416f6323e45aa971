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
import type { PartnerDto } from './partners.js';
import { partnerProfileFields } from './partners.js';
import { paginationQuerySchema, zArray, zId, zText } from './schemas.js';

/** An inline candidate: becomes a partner with status `candidate` (weight 1). */
export const candidateSchema = z.object(partnerProfileFields);
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
  createdAt: string;
  updatedAt: string;
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
