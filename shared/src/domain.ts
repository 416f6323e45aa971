/** Domain vocabularies from the brief and the API contract. Order matters: it is the display order. */

export const STAGES = [
  'hypothesis_vision',
  'catalysing_initiating',
  'dynamic_experimentation',
  'mainstreaming_sustaining',
] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['coordinator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const PARTNER_KINDS = ['organisation', 'individual'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const TIERS = ['core', 'broad'] as const;
export type Tier = (typeof TIERS)[number];

export const PARTNER_STATUSES = ['candidate', 'active', 'left', 'rejected'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const ACTOR_TYPES = [
  'local_government',
  'education',
  'knowledge_institution',
  'youth_work',
  'sports',
  'care_welfare',
  'arts_culture',
  'entrepreneur',
  'civil_society',
  'citizen',
  'other',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const MOTIVATIONS = [
  'learn_from_partners',
  'mission_fit',
  'greater_impact',
  'new_target_groups',
  'local_partnership',
  'access_to_resources',
] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const DECISION_RULES = ['consensus', 'weighted', 'autonomous'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const ELECTORATES = ['core', 'all'] as const;
export type Electorate = (typeof ELECTORATES)[number];

export const PROPOSAL_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn', 'expired'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const EXPERIMENT_STATUSES = [
  'idea',
  'preparing',
  'running',
  'evaluating',
  'mainstreamed',
  'stopped',
] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const BARRIERS = [
  'financial',
  'time',
  'distance',
  'information',
  'digital',
  'language',
  'psychological',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

/** `expired`: nobody answered within CONNECTION_EXPIRY_DAYS (closed by the server). */
export const CONNECTION_STATUSES = ['proposed', 'accepted', 'declined', 'expired'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const DOCUMENT_KINDS = ['vision', 'principles', 'notes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
