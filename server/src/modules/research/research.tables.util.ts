/**
 * The network over time as research tables, pure: nodes (partners with the interval they were
 * active) and edges (accepted connections; pairs sharing an experiment) with start and end,
 * replayed from the activity log. The service loads the partners and events; this decides.
 *
 *   nodes  partner.added (active from `payload.joinedAt`, else the event's time), partner.left
 *          (`payload.leftAt`), partner.updated (`changes.status.to`), an accepted proposal.closed
 *          (its candidate becomes active). No such event (data from before the log): the columns.
 *   edges  connection.accepted → `connection`, from acceptance until either partner left.
 *          experiment.* → `shared_experiment` per pair of its partners, from when both were in it
 *          until one was taken off, the experiment was stopped or deleted, or either partner left.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type {
  PartnerKind,
  ResearchEdgeRow,
  ResearchNodeRow,
  Tier,
  ActorType,
} from '@coalesce/shared';

export const RESEARCH_EVENT_TYPES = [
  'partner.added',
  'partner.updated',
  'partner.left',
  'proposal.closed',
  'connection.accepted',
  'experiment.created',
  'experiment.updated',
  'experiment.status_changed',
  'experiment.deleted',
] as const;

export const RESEARCH_PAYLOAD_KEYS = [
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
  'title',
] as const;

export interface TableEvent {
  seq: number;
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface TablePartner {
  id: string;
  name: string;
  kind: PartnerKind;
  tier: Tier;
  actorType: ActorType;
  joinedAt: Date | null;
  leftAt: Date | null;
}

/** Times in ms; `end` null while still open. */
export interface Interval {
  start: number;
  end: number | null;
}

export interface RawNode {
  partner: TablePartner;
  interval: Interval;
}
export interface RawEdge {
  id: string;
  source: string;
  target: string;
  kind: ResearchEdgeRow['kind'];
  label: string;
  interval: Interval;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
function timeOf(value: unknown, fallback: Date): number {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback.getTime() : t;
}
function acceptedCandidate(payload: Record<string, unknown>): string | null {
  const outcome = record(payload.outcome);
  const status = str(payload.status) ?? str(outcome.status);
  if (status !== 'accepted') return null;
  return (
    str(payload.candidatePartnerId) ?? str(payload.partnerId) ?? str(record(payload.candidate).id)
  );
}

/** Each partner's activity interval: first activation to last deactivation (null if active). */
export function partnerIntervals(
  partners: readonly TablePartner[],
  events: readonly TableEvent[],
): Map<string, Interval> {
  const steps = new Map<string, { time: number; seq: number; active: boolean }[]>();
  const add = (id: string | null, time: number, seq: number, active: boolean) => {
    if (!id) return;
    const list = steps.get(id) ?? [];
    list.push({ time, seq, active });
    steps.set(id, list);
  };
  for (const e of events) {
    const p = e.payload;
    if (e.type === 'partner.added') add(e.subjectId, timeOf(p.joinedAt, e.createdAt), e.seq, true);
    else if (e.type === 'partner.left') {
      add(e.subjectId, timeOf(p.leftAt, e.createdAt), e.seq, false);
    } else if (e.type === 'partner.updated') {
      const to = str(record(record(p.changes).status).to);
      if (to !== null) add(e.subjectId, e.createdAt.getTime(), e.seq, to === 'active');
    } else if (e.type === 'proposal.closed') {
      add(acceptedCandidate(p), e.createdAt.getTime(), e.seq, true);
    }
  }
  const result = new Map<string, Interval>();
  for (const partner of partners) {
    const own = (steps.get(partner.id) ?? []).sort((a, b) => a.time - b.time || a.seq - b.seq);
    const firstActive = own.find((s) => s.active);
    if (firstActive) {
      const last = own[own.length - 1]!;
      result.set(partner.id, { start: firstActive.time, end: last.active ? null : last.time });
    } else if (partner.joinedAt) {
      result.set(partner.id, {
        start: partner.joinedAt.getTime(),
        end: partner.leftAt ? partner.leftAt.getTime() : null,
      });
    }
  }
  return result;
}

const minEnd = (...ends: (number | null | undefined)[]): number | null => {
  const known = ends.filter((e): e is number => typeof e === 'number');
  return known.length ? Math.min(...known) : null;
};

/** Nodes and edges over the whole log (unfiltered, with real ids and names). */
export function buildTables(
  partners: readonly TablePartner[],
  events: readonly TableEvent[],
): { nodes: RawNode[]; edges: RawEdge[] } {
  const intervals = partnerIntervals(partners, events);
  const nodes = partners
    .filter((p) => intervals.has(p.id))
    .map((partner) => ({ partner, interval: intervals.get(partner.id)! }));
  const leftAt = (id: string) => intervals.get(id)?.end;
  const edges: RawEdge[] = [];
  const ordered = [...events].sort((a, b) => a.seq - b.seq);

  for (const e of ordered) {
    if (e.type !== 'connection.accepted' || !e.subjectId) continue;
    const from = str(e.payload.fromPartnerId);
    const to = str(e.payload.toPartnerId);
    if (!from || !to || !intervals.has(from) || !intervals.has(to)) continue;
    const start = e.createdAt.getTime();
    const end = minEnd(leftAt(from), leftAt(to));
    edges.push({
      id: `c-${e.subjectId}`,
      source: from,
      target: to,
      kind: 'connection',
      label: '',
      interval: { start, end: end !== null && end < start ? start : end },
    });
  }

  // Per experiment: the open pair intervals, closed when the pair stops sharing it.
  const open = new Map<string, Map<string, number>>();
  const titles = new Map<string, string>();
  const counts = new Map<string, number>();
  const close = (expId: string, pair: string, start: number, at: number) => {
    const [a, b] = pair.split('|') as [string, string];
    if (!intervals.has(a) || !intervals.has(b)) return;
    const n = (counts.get(`${expId}|${pair}`) ?? 0) + 1;
    counts.set(`${expId}|${pair}`, n);
    edges.push({
      id: `x-${expId}-${a.slice(0, 8)}-${b.slice(0, 8)}-${n}`,
      source: a,
      target: b,
      kind: 'shared_experiment',
      label: titles.get(expId) ?? '',
      interval: { start, end: at === Infinity ? null : at },
    });
  };
  const setPartners = (expId: string, ids: string[] | null, at: number) => {
    const current = open.get(expId) ?? new Map<string, number>();
    const wanted = new Set<string>();
    const sorted = [...new Set(ids ?? [])].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) wanted.add(`${sorted[i]}|${sorted[j]}`);
    }
    for (const [pair, start] of current) {
      if (!wanted.has(pair)) {
        close(expId, pair, start, at);
        current.delete(pair);
      }
    }
    for (const pair of wanted) if (!current.has(pair)) current.set(pair, at);
    open.set(expId, current);
  };
  for (const e of ordered) {
    if (!e.type.startsWith('experiment.') || !e.subjectId) continue;
    const id = e.subjectId;
    const at = e.createdAt.getTime();
    const title = str(e.payload.title);
    if (title) titles.set(id, title);
    const ids = strings(e.payload.partnerIds);
    if (e.type === 'experiment.created') {
      setPartners(id, str(e.payload.status) === 'stopped' ? [] : ids, at);
    } else if (e.type === 'experiment.deleted') {
      setPartners(id, [], at);
    } else if (e.type === 'experiment.status_changed') {
      const stopped = str(e.payload.to) === 'stopped';
      setPartners(id, stopped ? [] : (ids ?? [...pairsPartners(open.get(id))]), at);
    } else if (e.type === 'experiment.updated' && ids) {
      setPartners(id, ids, at);
    }
  }
  for (const [expId, pairs] of open) {
    for (const [pair, start] of pairs) {
      const [a, b] = pair.split('|') as [string, string];
      const end = minEnd(leftAt(a), leftAt(b));
      close(expId, pair, start, end === null ? Infinity : Math.max(start, end));
    }
  }
  return { nodes, edges };
}

function pairsPartners(pairs: Map<string, number> | undefined): Set<string> {
  const ids = new Set<string>();
  for (const pair of pairs?.keys() ?? []) for (const id of pair.split('|')) ids.add(id);
  return ids;
}

/** Does [start, end) overlap [from, to]? (Either bound may be absent.) */
export function overlaps(interval: Interval, from?: number, to?: number): boolean {
  if (to !== undefined && interval.start > to) return false;
  if (from !== undefined && interval.end !== null && interval.end < from) return false;
  return true;
}

/** A key for one export: pseudonyms are stable within it and unlinkable across exports. */
export const newPseudonymKey = (): Buffer => randomBytes(32);
export const pseudonymOf = (key: Buffer, id: string): string =>
  `P-${createHmac('sha256', key).update(id).digest('hex').slice(0, 10)}`;

const EMAIL = /[^\s@<>"',;()]+@[^\s@<>"',;()]+\.[^\s@<>"',;()]+/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every email address and every given name (case-insensitive, longest first) with
 * `[redacted]`: free texts may mention people and unnamed partners.
 */
export function redact(text: string, names: readonly string[]): string {
  let out = text.replace(EMAIL, '[redacted]');
  const list = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of list) {
    out = out.replace(new RegExp(escapeRegExp(name), 'gi'), '[redacted]');
  }
  return out;
}

export interface Pseudonymisation {
  key: Buffer;
  /** Partners that may be named (their label stays their name). */
  named: ReadonlySet<string>;
  /** Names and emails of people and unnamed partners: redacted from free texts. */
  sensitive: readonly string[];
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** The rows of the tables, filtered to [from, to] and pseudonymised when asked. */
export function tableRows(
  tables: { nodes: RawNode[]; edges: RawEdge[] },
  opts: { from?: number; to?: number; pseudonymise?: Pseudonymisation },
): { nodes: ResearchNodeRow[]; edges: ResearchEdgeRow[] } {
  const ps = opts.pseudonymise;
  const idOf = (id: string) => (ps ? pseudonymOf(ps.key, id) : id);
  const nodes = tables.nodes
    .filter((n) => overlaps(n.interval, opts.from, opts.to))
    .map(({ partner, interval }): ResearchNodeRow => {
      const hidden = !!ps && !ps.named.has(partner.id);
      return {
        id: idOf(partner.id),
        label: hidden ? idOf(partner.id) : partner.name,
        kind: partner.kind,
        circle: partner.tier,
        actorType: partner.actorType,
        pseudonymised: hidden,
        joinedAt: iso(interval.start),
        leftAt: iso(interval.end),
      };
    });
  const kept = new Set(nodes.map((n) => n.id));
  const edges = tables.edges
    .filter((e) => overlaps(e.interval, opts.from, opts.to))
    .map((e): ResearchEdgeRow => ({
      id: ps
        ? `${e.kind === 'connection' ? 'c' : 'x'}-${pseudonymOf(ps.key, e.id).slice(2)}`
        : e.id,
      source: idOf(e.source),
      target: idOf(e.target),
      kind: e.kind,
      label: ps ? redact(e.label, ps.sensitive) : e.label,
      start: iso(e.interval.start)!,
      end: iso(e.interval.end),
    }))
    .filter((e) => kept.has(e.source) && kept.has(e.target));
  return { nodes, edges };
}
