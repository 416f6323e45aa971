/*
 * Broker follow-through and participation (issue 17). Aggregates only, never a ranking:
 * brokers are listed by id order the server chooses (stable), partners alphabetically.
 */

/** How many days after acceptance an introduction counts as "followed through quickly". */
export const FOLLOW_THROUGH_WINDOW_DAYS = 90;

/** What showed that two introduced partners collaborated. */
export const FOLLOW_THROUGH_KINDS = [
  'shared_experiment',
  'survey_rating',
  'document_coedit',
] as const;
export type FollowThroughKind = (typeof FOLLOW_THROUGH_KINDS)[number];

export interface FollowThroughTally {
  /** Accepted introductions. */
  introductions: number;
  /** Of those, followed by collaboration within FOLLOW_THROUGH_WINDOW_DAYS of acceptance. */
  within90Days: number;
  /** Of those, followed by collaboration at any later time. */
  ever: number;
  /** within90Days / introductions (null when there were none). */
  shareWithin90Days: number | null;
  shareEver: number | null;
}

export interface IntroductionOutcomeDto {
  connectionId: string;
  brokerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  acceptedAt: string;
  /** The first sign of collaboration after acceptance, or null. */
  firstCollaborationAt: string | null;
  firstCollaborationKind: FollowThroughKind | null;
}

export interface BrokerFollowThroughDto {
  windowDays: number;
  overall: FollowThroughTally;
  brokers: (FollowThroughTally & { brokerId: string; brokerName: string | null })[];
  introductions: IntroductionOutcomeDto[];
}

/** One quarter of a partner's participation (`2026-Q1`). */
export interface ParticipationQuarterDto {
  quarter: string;
  /** Proposals whose electorate included the partner and that closed or opened in the quarter. */
  votesPossible: number;
  votesCast: number;
  /** Experiments it took part in that started (or were created) in the quarter. */
  experiments: number;
  /** Learnings written by its representatives. */
  learnings: number;
  /** Comments written by its representatives. */
  comments: number;
  /** Survey waves it answered (by the wave's opening). */
  surveyResponses: number;
  /** Survey waves it was asked to answer. */
  surveysAsked: number;
}

export interface PartnerParticipationDto {
  partnerId: string;
  name: string;
  totals: Omit<ParticipationQuarterDto, 'quarter'>;
  /** Oldest first; only quarters with something in them. */
  quarters: ParticipationQuarterDto[];
}

type ParticipationActor = {
  role: 'coordinator' | 'member' | 'observer';
  broker: boolean;
  partnerId: string | null;
};
/** Broker follow-through: coordinators and brokers. */
export const canViewBrokerFollowThrough = (m: Pick<ParticipationActor, 'role' | 'broker'>) =>
  m.role === 'coordinator' || (m.broker && m.role !== 'observer');
/** One partner's participation: coordinators and that partner's representatives. */
export const canViewPartnerParticipation = (
  m: Pick<ParticipationActor, 'role' | 'partnerId'>,
  partnerId: string,
) => m.role === 'coordinator' || (m.role !== 'observer' && m.partnerId === partnerId);
/** Every partner's participation: coordinators only. */
export const canViewAllParticipation = (m: Pick<ParticipationActor, 'role'>) =>
  m.role === 'coordinator';
