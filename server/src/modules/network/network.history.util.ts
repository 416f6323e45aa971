/**
 * The network as it stood at a past moment, rebuilt from the event log (`GET …/network?at=`).
 * Pure: the network service loads the workspace's partners and the relevant events (all of
 * them: a partner.added may be dated back, so its time is only known from its payload), this
 * replays those up to the moment and hands `buildNetwork` its input.
 *
 *   partners     partner.added (active from `payload.joinedAt`, else the event's time; an import
 *                may date a partner back), partner.left, partner.updated (`changes.tier|actorType|
 *                kind|status`), proposal.closed with an accepted outcome (the candidate becomes
 *                active). A partner with no such event at all (data from before the log) falls
 *                back to its `joinedAt`/`leftAt` columns. Name: always today's.
 *   connections  connection.accepted (`payload.fromPartnerId/toPartnerId`).
 *   experiments  experiment.created (`payload.partnerIds`), experiment.updated (`payload.partnerIds`
 *                when given), experiment.status_changed (`payload.to`); every experiment.* event
 *                moves `lastChangedAt` (the 90-day `activeShare` window); experiment.deleted
 *                removes it from then on.
 */
import {
  ACTOR_TYPES,
  PARTNER_KINDS,
  TIERS,
  type ExperimentStatus,
  type PartnerStatus,
} from '@coalesce/shared';
import type { NetworkInput, NetworkPartner } from './network.metrics.util';

/** The event types the replay reads; the loader selects only these. */
export const HISTORY_EVENT_TYPES = [
  'partner.added',
  'partner.updated',
  'partner.left',
  'proposal.closed',
  'connection.accepted',
  'experiment.created',
  'experiment.updated',
  'experiment.status_changed',
  'experiment.learning_added',
  'experiment.deleted',
] as const;

/** The payload keys the replay reads; the loader selects only these. */
export const HISTORY_PAYLOAD_KEYS = [
  'joinedAt',
  'leftAt',
  'changes',
  'status',
  'outcome',
  'candidatePartnerId',
  'partnerId',
  'candidate',
  'fromPartnerId',
  'toPartnerId',
  'partnerIds',
  'to',
] as const;

export interface HistoryEvent {
  seq: number;
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface HistoryPartner extends NetworkPartner {
  status: PartnerStatus;
  joinedAt: Date | null;
  leftAt: Date | null;
}

export interface ExperimentAt {
  id: string;
  status: ExperimentStatus | null;
  partnerIds: string[];
  lastChangedAt: Date;
}

type Attribute = 'tier' | 'actorType' | 'kind';
const ATTRIBUTES: readonly Attribute[] = ['tier', 'actorType', 'kind'];

interface Step {
  time: number;
  seq: number;
  /** true: becomes active; false: stops being active; undefined: no change. */
  active?: boolean;
  changes: Partial<Record<Attribute, { from?: unknown; to?: unknown }>>;
}

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A payload time, or the event's own when absent or unreadable. */
function timeOf(value: unknown, fallback: Date): number {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback.getTime() : t;
}

/** Accepted proposals name their candidate under one of these keys (decisions module). */
function acceptedCandidate(payload: Record<string, unknown>): string | null {
  const outcome = record(payload.outcome);
  const status = str(payload.status) ?? str(outcome.status);
  if (status !== 'accepted') return null;
  return (
    str(payload.candidatePartnerId) ?? str(payload.partnerId) ?? str(record(payload.candidate).id)
  );
}

function partnerSteps(events: readonly HistoryEvent[]): Map<string, Step[]> {
  const steps = new Map<string, Step[]>();
  const add = (partnerId: string, step: Step) => {
    const list = steps.get(partnerId) ?? [];
    list.push(step);
    steps.set(partnerId, list);
  };
  for (const e of events) {
    const p = e.payload;
    switch (e.type) {
      case 'partner.added':
        if (e.subjectId) {
          add(e.subjectId, {
            time: timeOf(p.joinedAt, e.createdAt),
            seq: e.seq,
            active: true,
            changes: {},
          });
        }
        break;
      case 'partner.left':
        if (e.subjectId) {
          add(e.subjectId, {
            time: timeOf(p.leftAt, e.createdAt),
            seq: e.seq,
            active: false,
            changes: {},
          });
        }
        break;
      case 'partner.updated': {
        if (!e.subjectId) break;
        const changes = record(p.changes);
        const step: Step = { time: e.createdAt.getTime(), seq: e.seq, changes: {} };
        for (const a of ATTRIBUTES) {
          if (a in changes) step.changes[a] = record(changes[a]);
        }
        const status = str(record(changes.status).to);
        if (status === 'active') step.active = true;
        else if (status !== null) step.active = false;
        add(e.subjectId, step);
        break;
      }
      case 'proposal.closed': {
        const candidate = acceptedCandidate(p);
        if (candidate) {
          add(candidate, { time: e.createdAt.getTime(), seq: e.seq, active: true, changes: {} });
        }
        break;
      }
    }
  }
  for (const list of steps.values()) list.sort((a, b) => a.time - b.time || a.seq - b.seq);
  return steps;
}

/** The partners active at `at`, with the tier, actor type and kind they had then. */
export function partnersAt(
  partners: readonly HistoryPartner[],
  events: readonly HistoryEvent[],
  at: Date,
): NetworkPartner[] {
  const t = at.getTime();
  const steps = partnerSteps(events);
  const result: NetworkPartner[] = [];
  for (const partner of partners) {
    const own = steps.get(partner.id) ?? [];
    // The log decides once it records the partner joining; older data falls back to the columns.
    const logged = own.some((s) => s.active === true);
    let active: boolean;
    if (logged) {
      active = false;
      for (const s of own) if (s.time <= t && s.active !== undefined) active = s.active;
    } else {
      active =
        partner.joinedAt !== null &&
        partner.joinedAt.getTime() <= t &&
        (partner.leftAt === null || partner.leftAt.getTime() > t);
    }
    if (!active) continue;
    // An attribute's value at `at` is the `from` of its first change after `at` (else today's).
    const then = (a: Attribute): unknown =>
      own.find((s) => s.time > t && s.changes[a]?.from !== undefined)?.changes[a]?.from;
    const tier = then('tier');
    const actorType = then('actorType');
    const kind = then('kind');
    result.push({
      id: partner.id,
      name: partner.name,
      tier: isOneOf(TIERS, tier) ? tier : partner.tier,
      actorType: isOneOf(ACTOR_TYPES, actorType) ? actorType : partner.actorType,
      kind: isOneOf(PARTNER_KINDS, kind) ? kind : partner.kind,
    });
  }
  return result;
}

/** Accepted connections as of `at` (accepted connections are never undone). */
export function connectionsAt(
  events: readonly HistoryEvent[],
  at: Date,
): { fromPartnerId: string; toPartnerId: string }[] {
  const t = at.getTime();
  const result: { fromPartnerId: string; toPartnerId: string }[] = [];
  for (const e of events) {
    if (e.type !== 'connection.accepted' || e.createdAt.getTime() > t) continue;
    const from = str(e.payload.fromPartnerId);
    const to = str(e.payload.toPartnerId);
    if (from && to) result.push({ fromPartnerId: from, toPartnerId: to });
  }
  return result;
}

/** Experiments that existed at `at`, with their partners and status then. */
export function experimentsAt(events: readonly HistoryEvent[], at: Date): ExperimentAt[] {
  const t = at.getTime();
  const byId = new Map<string, ExperimentAt>();
  const ordered = events
    .filter((e) => e.type.startsWith('experiment.') && e.subjectId && e.createdAt.getTime() <= t)
    .sort((a, b) => a.seq - b.seq);
  for (const e of ordered) {
    const id = e.subjectId!;
    if (e.type === 'experiment.created') {
      byId.set(id, {
        id,
        status: (str(e.payload.status) as ExperimentStatus | null) ?? 'idea',
        partnerIds: strings(e.payload.partnerIds) ?? [],
        lastChangedAt: e.createdAt,
      });
      continue;
    }
    if (e.type === 'experiment.deleted') {
      byId.delete(id);
      continue;
    }
    const x = byId.get(id);
    if (!x) continue;
    if (e.createdAt > x.lastChangedAt) x.lastChangedAt = e.createdAt;
    if (e.type === 'experiment.updated') {
      x.partnerIds = strings(e.payload.partnerIds) ?? x.partnerIds;
    } else if (e.type === 'experiment.status_changed') {
      x.status = (str(e.payload.to) as ExperimentStatus | null) ?? x.status;
      x.partnerIds = strings(e.payload.partnerIds) ?? x.partnerIds;
    }
  }
  return [...byId.values()];
}

/** `buildNetwork`'s input for the moment `at`, from the log (and the partners' current rows). */
export function networkInputAt(
  partners: readonly HistoryPartner[],
  events: readonly HistoryEvent[],
  at: Date,
): NetworkInput {
  return {
    partners: partnersAt(partners, events, at),
    connections: connectionsAt(events, at),
    experiments: experimentsAt(events, at).map((e) => ({
      partnerIds: e.partnerIds,
      lastChangedAt: e.lastChangedAt,
    })),
    now: at,
  };
}
