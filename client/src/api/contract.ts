/**
 * Response shapes of the API contract (API.md) that the client reads. Requests are validated with
 * the zod schemas from @coalesce/shared; these mirror what the server answers.
 */
import type {
  ActorType,
  DecisionRule,
  Motivation,
  PartnerKind,
  PartnerStatus,
  Policy,
  ProposalStatus,
  Stage,
  Tally,
  Tier,
  VoteChoice,
} from '@coalesce/shared';

export interface Partner {
  id: string;
  kind: PartnerKind;
  name: string;
  actorType: ActorType;
  tier: Tier;
  status: PartnerStatus;
  weight: number;
  motivations: Motivation[];
  contributions: { expertise: string[]; targetGroups: string[]; resources: string[] };
  affiliationPartnerId?: string | null;
  description?: string | null;
  website?: string | null;
  joinedAt?: string | null;
  leftAt?: string | null;
  representatives?: { userId: string; displayName: string }[];
}

export interface Principle {
  id: string;
  title: string;
  description: string;
  order: number;
}

export interface DecisionPolicies {
  stage: Stage;
  core: Policy;
  broad: Policy;
  byStage: Record<Stage, { core: Policy; broad: Policy }>;
}

export interface Vote {
  partnerId: string;
  choice: VoteChoice;
  reason?: string | null;
  castBy: string;
  castAt: string;
  supersededAt?: string | null;
}

export interface Advice {
  id?: string;
  text: string;
  authorId?: string;
  givenBy?: string;
  createdAt: string;
}

export interface Proposal {
  id: string;
  status: ProposalStatus;
  tier: Tier;
  candidatePartnerId: string;
  candidate?: Partner;
  rationale: string;
  principleFit: { principleId: string; fits: boolean; note?: string | null }[];
  policy: Policy & { rule: DecisionRule };
  electorate: { partnerId: string; weight: number }[];
  consultationEndsAt?: string | null;
  closesAt: string;
  closedAt?: string | null;
  outcome?: {
    status: ProposalStatus;
    reason: string;
    decidedBy?: string | null;
    rationale?: string;
  } | null;
  tally: Tally;
  votes: Vote[];
  voteHistory: Vote[];
  advice: Advice[];
  proposedBy: string;
  createdAt: string;
}
