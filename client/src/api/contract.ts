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
  /** Contact of an inline candidate, invited as its representative on acceptance. */
  candidateContactEmail?: string | null;
  /** What the signed-in user may do here; absent from servers before issue 12. */
  viewer?: ProposalViewer;
}

export type ViewerReason =
  | 'ok'
  | 'no_partner'
  | 'not_in_electorate'
  | 'is_candidate'
  | 'observer'
  | 'closed'
  | 'autonomous_not_decider';

export interface ProposalViewer {
  partnerId: string | null;
  canVote: boolean;
  reason: ViewerReason;
}

export type PreviewWarningCode = 'UNREPRESENTED' | 'EMPTY_ELECTORATE' | 'ZERO_WEIGHT';

/** `POST …/proposals/preview`: what opening this proposal would do, without opening it. */
export interface ProposalPreview {
  tier: Tier;
  stage: Stage;
  policy: Policy;
  closesAt: string;
  consultationEndsAt: string | null;
  electorate: { partnerId: string; name: string; weight: number; representativeCount: number }[];
  warnings: { code: PreviewWarningCode; partnerIds: string[]; blocksAcceptance: boolean }[];
}

export interface Learning {
  id: string;
  text: string;
  evidenceUrl?: string | null;
  authorId: string;
  createdAt: string;
}

export interface Experiment {
  id: string;
  title: string;
  hypothesis: string;
  description: string;
  status: import('@coalesce/shared').ExperimentStatus;
  leadPartnerId?: string | null;
  partnerIds: string[];
  targetGroups: string[];
  barriers: import('@coalesce/shared').Barrier[];
  principleIds: string[];
  neededExpertise: string[];
  startDate?: string | null;
  endDate?: string | null;
  learnings: Learning[];
  updatedAt?: string;
}

export interface Connection {
  id: string;
  fromPartnerId: string;
  toPartnerId: string;
  reason: string;
  reasonCode?: string | null;
  reasonParams?: Record<string, unknown> | null;
  status: import('@coalesce/shared').ConnectionStatus;
  responses: {
    partnerId: string;
    accept: boolean;
    note?: string | null;
    respondedBy: string;
    respondedAt: string;
    /** A coordinator answered for a side without representative. */
    onBehalf?: boolean;
  }[];
  proposedBy: string;
  createdAt?: string;
}

export interface NetworkNode {
  id: string;
  name: string;
  kind: PartnerKind;
  tier: Tier;
  actorType: ActorType;
  metrics: { degree: number; betweenness: number };
}

export interface Network {
  nodes: NetworkNode[];
  edges: {
    source: string;
    target: string;
    kinds: ('connection' | 'experiment')[];
    weight: number;
  }[];
  metrics: {
    nodes: number;
    edges: number;
    byTier: Record<string, number>;
    byActorType: Record<string, number>;
    density: number;
    diversity: number;
    activeShare: number;
  };
}

export interface BrokerSuggestion {
  fromPartnerId: string;
  toPartnerId: string;
  kind: 'expertise_match' | 'shared_target_group' | 'isolated';
  score: number;
  reason: { code: string; params: Record<string, unknown> };
  text: string;
}
