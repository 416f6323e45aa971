import {
  FOLLOW_THROUGH_WINDOW_DAYS,
  type BrokerFollowThroughDto,
  type FollowThroughKind,
  type FollowThroughTally,
  type IntroductionOutcomeDto,
} from '@coalesce/shared';

/** An accepted connection: the broker introduced two partners and both said yes. */
export interface Introduction {
  connectionId: string;
  brokerId: string;
  fromPartnerId: string;
  toPartnerId: string;
  acceptedAt: Date;
}

/** An experiment's partners and the moment it counts from (its start day, else its creation). */
export interface SharedWork {
  partnerIds: readonly string[];
  at: Date;
}

/** One partner's survey answer about another, in a wave that opened at `waveOpensAt`. */
export interface TieRating {
  raterPartnerId: string;
  ratedPartnerId: string;
  level: string | null;
  waveOpensAt: Date;
  submittedAt: Date;
}

/**
 * One partner's writing in one document on one UTC day (through any of its representatives).
 * The network's vision is left out by the caller: everyone writes it.
 */
export interface PartnerEdit {
  documentId: string;
  partnerId: string;
  /** The day's first moment (UTC). */
  day: Date;
}

/** "Cooperating or more" on the survey's scale (awareness alone is not collaboration). */
const COLLABORATING_LEVELS = new Set(['cooperation', 'coordination', 'collaboration']);
const DAY_MS = 24 * 3600 * 1000;

function tally(
  outcomes: readonly IntroductionOutcomeDto[],
  windowDays: number,
): FollowThroughTally {
  const introductions = outcomes.length;
  let within = 0;
  let ever = 0;
  for (const o of outcomes) {
    if (!o.firstCollaborationAt) continue;
    ever += 1;
    const days = (Date.parse(o.firstCollaborationAt) - Date.parse(o.acceptedAt)) / DAY_MS;
    if (days <= windowDays) within += 1;
  }
  return {
    introductions,
    within90Days: within,
    ever,
    shareWithin90Days: introductions ? within / introductions : null,
    shareEver: introductions ? ever / introductions : null,
  };
}

/**
 * Did the introduced partners collaborate afterwards? Evidence is a shared experiment that
 * counts from on or after the acceptance, either partner rating the other as cooperating or
 * more in a wave that opened on or after the acceptance (dated by the answer), or both writing
 * in the same document from the day of the acceptance on (dated by the later of the two first
 * days; a day counts whole, so the acceptance day does). Evidence from before the acceptance is
 * ignored: it was there already, not the broker's doing. Brokers come out in
 * first-introduction order, never ranked.
 */
export function brokerFollowThrough(
  introductions: readonly Introduction[],
  work: readonly SharedWork[],
  ratings: readonly TieRating[],
  edits: readonly PartnerEdit[] = [],
  brokerNames: ReadonlyMap<string, string> = new Map(),
  windowDays = FOLLOW_THROUGH_WINDOW_DAYS,
): BrokerFollowThroughDto {
  const sorted = [...introductions].sort(
    (x, y) =>
      x.acceptedAt.getTime() - y.acceptedAt.getTime() ||
      x.connectionId.localeCompare(y.connectionId),
  );
  const outcomes: IntroductionOutcomeDto[] = sorted.map((i) => {
    const t0 = i.acceptedAt.getTime();
    let first: { at: number; kind: FollowThroughKind } | null = null;
    const consider = (at: number, kind: FollowThroughKind) => {
      if (at < t0) return;
      if (!first || at < first.at) first = { at, kind };
    };
    for (const w of work) {
      if (w.partnerIds.includes(i.fromPartnerId) && w.partnerIds.includes(i.toPartnerId)) {
        consider(w.at.getTime(), 'shared_experiment');
      }
    }
    for (const r of ratings) {
      const pair =
        (r.raterPartnerId === i.fromPartnerId && r.ratedPartnerId === i.toPartnerId) ||
        (r.raterPartnerId === i.toPartnerId && r.ratedPartnerId === i.fromPartnerId);
      if (!pair || !r.level || !COLLABORATING_LEVELS.has(r.level)) continue;
      if (r.waveOpensAt.getTime() < t0) continue;
      consider(Math.max(r.submittedAt.getTime(), t0), 'survey_rating');
    }
    // Per document, each side's first day from the acceptance day on.
    const day0 = Math.floor(t0 / DAY_MS) * DAY_MS;
    const firstDay = new Map<string, [number, number]>();
    for (const e of edits) {
      const at = e.day.getTime();
      const from = e.partnerId === i.fromPartnerId;
      if ((!from && e.partnerId !== i.toPartnerId) || at < day0) continue;
      const days = firstDay.get(e.documentId) ?? [Infinity, Infinity];
      if (from) days[0] = Math.min(days[0], at);
      else days[1] = Math.min(days[1], at);
      firstDay.set(e.documentId, days);
    }
    for (const [a, b] of firstDay.values()) {
      if (a !== Infinity && b !== Infinity) consider(Math.max(a, b, t0), 'document_coedit');
    }
    const f = first as { at: number; kind: FollowThroughKind } | null;
    return {
      connectionId: i.connectionId,
      brokerId: i.brokerId,
      fromPartnerId: i.fromPartnerId,
      toPartnerId: i.toPartnerId,
      acceptedAt: i.acceptedAt.toISOString(),
      firstCollaborationAt: f ? new Date(f.at).toISOString() : null,
      firstCollaborationKind: f ? f.kind : null,
    };
  });
  const byBroker = new Map<string, IntroductionOutcomeDto[]>();
  for (const o of outcomes) byBroker.set(o.brokerId, [...(byBroker.get(o.brokerId) ?? []), o]);
  return {
    windowDays,
    overall: tally(outcomes, windowDays),
    brokers: [...byBroker].map(([brokerId, list]) => ({
      brokerId,
      brokerName: brokerNames.get(brokerId) ?? null,
      ...tally(list, windowDays),
    })),
    introductions: outcomes,
  };
}
