/**
 * Broker suggestions: whom to bring together, derived from what the network already records.
 * Three sources, in the spirit of the brief ("missing expertise or target groups tell whom to look
 * for next"; brokers bridge domains):
 *   expertise_match     a partner outside an experiment offers what it needs → meet its lead
 *   shared_target_group two partners reach the same target group but have no tie at all
 *   isolated            a partner with at most one tie → meet a well-connected partner of another actor type
 * Each reason is a code with params for the client to phrase in nl or en, plus English text.
 */
import { type ActorType, type ConnectionStatus, type ExperimentStatus } from '@coalesce/shared';
import { centrality, compareIds, pairIndex, tieGraph, uniqueSorted } from './network.metrics.util';

export interface SuggestionPartner {
  id: string;
  name: string;
  actorType: ActorType;
  contributions: { expertise: string[]; targetGroups: string[] };
}

export interface SuggestionExperiment {
  id: string;
  title: string;
  status: ExperimentStatus;
  leadPartnerId: string | null;
  partnerIds: string[];
  neededExpertise: string[];
  targetGroups: string[];
}

export interface SuggestionConnection {
  fromPartnerId: string;
  toPartnerId: string;
  status: ConnectionStatus;
}

export interface SuggestionInput {
  /** Active partners only. */
  partners: SuggestionPartner[];
  experiments: SuggestionExperiment[];
  /** All connections of the workspace, any status. */
  connections: SuggestionConnection[];
}

export type SuggestionKind = 'expertise_match' | 'shared_target_group' | 'isolated';

export type SuggestionReason =
  | {
      code: 'experiment_needs_expertise' | 'experiment_reaches_target_group';
      params: {
        experimentId: string;
        experimentTitle: string;
        /** Needed expertise the partner offers, as the experiment spells it. */
        expertise: string[];
        /** Experiment target groups the partner also reaches, as the experiment spells them. */
        targetGroups: string[];
        /** Whether the other side is the experiment's lead or, without a lead, its first partner. */
        contact: 'lead' | 'first_partner';
      };
    }
  | { code: 'shared_target_group'; params: { targetGroups: string[] } }
  | {
      code: 'isolated' | 'peripheral';
      params: {
        degree: number;
        actorType: ActorType;
        hubDegree: number;
        hubBetweenness: number;
        hubActorType: ActorType;
      };
    };

export interface BrokerSuggestion {
  fromPartnerId: string;
  toPartnerId: string;
  kind: SuggestionKind;
  score: number;
  reason: SuggestionReason;
  text: string;
}

/**
 * Scores put a concrete need of a running effort first, then partners left out of the network,
 * then shared audiences; within a kind, more overlap ranks higher.
 */
export const SCORE = {
  expertiseBase: 4,
  perExpertise: 3,
  perTargetGroup: 1,
  isolated: 5,
  peripheral: 3,
  sharedTargetGroupBase: 1,
  perSharedTargetGroup: 1,
} as const;

/**
 * How many suggestions each experiment and each partner may produce. Broad tags ("seniors") are
 * common: without a cap, a large network yields thousands of near-identical hints (and takes
 * hundreds of milliseconds to rank them); the best few per experiment or partner are what a
 * broker can act on.
 */
export const MATCHES_PER_EXPERIMENT = 5;
export const SHARED_AUDIENCE_PER_PARTNER = 3;

interface Ranked<T> {
  item: T;
  score: number;
}

/** Keeps `top` sorted by score (desc; equal scores in arrival order) and at most `size` long. */
function pushTop<T>(top: Ranked<T>[], item: T, score: number, size: number): void {
  if (top.length === size && score <= top.at(-1)!.score) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.score < score) at--;
  top.splice(at, 0, { item, score });
  if (top.length > size) top.pop();
}

/** Experiments that still look for people; finished ones need no one. */
const SEEKING: readonly ExperimentStatus[] = ['idea', 'preparing', 'running', 'evaluating'];

/** Free-text tags match case-insensitively and regardless of spacing or Unicode composition. */
export const normaliseTag = (tag: string): string =>
  tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Normalised tag → its first spelling; built once per partner and experiment, not per pair. */
type TagIndex = Map<string, string>;

/** `normaliseTag` remembered per spelling: the same few tags recur on every partner. */
type Normaliser = (tag: string) => string;

function normaliser(): Normaliser {
  const seen = new Map<string, string>();
  return (tag) => {
    let key = seen.get(tag);
    if (key === undefined) {
      key = normaliseTag(tag);
      seen.set(tag, key);
    }
    return key;
  };
}

function indexTags(tags: string[], normalise: Normaliser): TagIndex {
  const index: TagIndex = new Map();
  for (const tag of tags) {
    const key = normalise(tag);
    if (key !== '' && !index.has(key)) index.set(key, tag.trim());
  }
  return index;
}

/** Tags of `wanted` (in its spelling and order) that `offered` also has. */
function overlap(wanted: TagIndex, offered: TagIndex): string[] {
  const result: string[] = [];
  for (const [key, spelling] of wanted) if (offered.has(key)) result.push(spelling);
  return result;
}

/** Normalised tag → the indices of the partners that have it, ascending. */
function invert(tags: readonly TagIndex[]): Map<string, number[]> {
  const holders = new Map<string, number[]>();
  tags.forEach((index, i) => {
    for (const key of index.keys()) {
      const list = holders.get(key);
      if (list) list.push(i);
      else holders.set(key, [i]);
    }
  });
  return holders;
}

/**
 * Adds `weight` to `counts[i]` for every partner i holding one of `wanted`'s tags: the number of
 * shared tags per partner (× weight) in one pass over the holders, instead of comparing every
 * partner's tags. `touched` collects the partners counted, to reset them afterwards.
 */
function countHolders(
  wanted: TagIndex,
  holders: ReadonlyMap<string, number[]>,
  weight: number,
  counts: Int32Array,
  touched: number[],
): void {
  for (const key of wanted.keys()) {
    for (const i of holders.get(key) ?? []) {
      if (counts[i] === 0) touched.push(i);
      counts[i]! += weight;
    }
  }
}

/**
 * The partners counted, in index order: sorted when few, else by scanning every count (cheaper
 * than sorting most of the partners, as broad tags touch).
 */
function ascending(touched: readonly number[], counts: Int32Array): Int32Array {
  if (touched.length * 16 < counts.length) return Int32Array.from(touched).sort();
  const result = new Int32Array(touched.length);
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) result[k++] = i;
  return result;
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const humanActorType = (t: ActorType): string => t.replace(/_/g, ' ');

interface Candidate extends Omit<BrokerSuggestion, 'reason' | 'text'> {
  describe: () => Pick<BrokerSuggestion, 'reason' | 'text'>;
}

export function suggestConnections(
  input: SuggestionInput,
  options: { limit?: number } = {},
): BrokerSuggestion[] {
  // Partners are handled by index (id order); pairs by `pairIndex`, never by string keys.
  const partners = uniqueSorted(input.partners);
  const n = partners.length;
  const ids = partners.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const normalise = normaliser();
  const expertiseOf = partners.map((p) => indexTags(p.contributions.expertise, normalise));
  const audienceOf = partners.map((p) => indexTags(p.contributions.targetGroups, normalise));
  const expertiseHolders = invert(expertiseOf);
  const audienceHolders = invert(audienceOf);
  const pair = (a: number, b: number) => pairIndex(n, a, b);

  // Pairs a broker should leave alone: already connected, being connected, or having said no.
  const settled = new Set<number>();
  const settledWith: number[][] = partners.map(() => []);
  for (const c of input.connections) {
    const a = index.get(c.fromPartnerId);
    const b = index.get(c.toPartnerId);
    if (a === undefined || b === undefined || settled.has(pair(a, b))) continue;
    settled.add(pair(a, b));
    settledWith[a]!.push(b);
    if (a !== b) settledWith[b]!.push(a);
  }

  const graph = tieGraph(
    index,
    ids,
    input.connections.filter((c) => c.status === 'accepted'),
    input.experiments,
  );
  const tied = new Set<number>();
  for (let k = 0; k < graph.pairs.length; k += 2) {
    tied.add(pair(graph.pairs[k]!, graph.pairs[k + 1]!));
  }
  const { degree, betweenness } = centrality(graph);

  // One suggestion per pair: the strongest reason wins. Reason and text are built only for the
  // suggestions returned, after ranking and the limit.
  const best = new Map<number, Candidate>();
  const offer = (from: number, to: number, c: Candidate) => {
    if (from === to) return;
    const key = pair(from, to);
    if (settled.has(key)) return;
    const current = best.get(key);
    if (!current || c.score > current.score) best.set(key, c);
  };
  const counts = new Int32Array(n);
  const touched: number[] = [];
  const excluded = new Int32Array(n);
  let stamp = 0;
  const reset = () => {
    for (const i of touched) counts[i] = 0;
    touched.length = 0;
  };

  // (a) A partner outside an experiment offers its needed expertise or reaches its target groups.
  for (const experiment of [...input.experiments].sort((a, b) => compareIds(a.id, b.id))) {
    if (!SEEKING.includes(experiment.status)) continue;
    const members = experiment.partnerIds.filter((id) => index.has(id));
    const lead =
      experiment.leadPartnerId !== null && index.has(experiment.leadPartnerId)
        ? experiment.leadPartnerId
        : null;
    const contactId = lead ?? members[0];
    if (contactId === undefined) continue;
    const c = index.get(contactId)!;
    const contact = partners[c]!;
    // Partners that cannot take a place: members, and those settled with the contact.
    stamp++;
    for (const id of members) excluded[index.get(id)!] = stamp;
    for (const i of settledWith[c]!) excluded[i] = stamp;
    const needed = indexTags(experiment.neededExpertise, normalise);
    const audience = indexTags(experiment.targetGroups, normalise);
    countHolders(needed, expertiseHolders, SCORE.perExpertise, counts, touched);
    countHolders(audience, audienceHolders, SCORE.perTargetGroup, counts, touched);
    const top: Ranked<number>[] = [];
    // In index order, as equal scores keep their arrival order.
    for (const i of ascending(touched, counts)) {
      // A settled pair must not take one of the experiment's places.
      if (excluded[i] === stamp) continue;
      pushTop(top, i, counts[i]!, MATCHES_PER_EXPERIMENT);
    }
    reset();
    for (const { item: i } of top) {
      const partner = partners[i]!;
      const expertise = overlap(needed, expertiseOf[i]!);
      const targetGroups = overlap(audience, audienceOf[i]!);
      offer(i, c, {
        fromPartnerId: partner.id,
        toPartnerId: contact.id,
        kind: 'expertise_match',
        score:
          SCORE.expertiseBase +
          SCORE.perExpertise * expertise.length +
          SCORE.perTargetGroup * targetGroups.length,
        describe: () => {
          const offers = [
            ...(expertise.length > 0 ? [`the ${list(expertise)} expertise`] : []),
            ...(targetGroups.length > 0 ? [`access to ${list(targetGroups)}`] : []),
          ];
          return {
            reason: {
              code:
                expertise.length > 0
                  ? 'experiment_needs_expertise'
                  : 'experiment_reaches_target_group',
              params: {
                experimentId: experiment.id,
                experimentTitle: experiment.title,
                expertise,
                targetGroups,
                contact: lead ? 'lead' : 'first_partner',
              },
            },
            text:
              `${partner.name} offers ${offers.join(' and ')} that the experiment ` +
              `"${experiment.title}" needs; connect them with ${contact.name}, ` +
              `${lead ? 'its lead' : 'one of its partners'}.`,
          };
        },
      });
    }
  }

  // (b) Same audience, no tie at all (no connection in any state, no shared experiment). Only the
  // few best per partner: in a large network with broad target groups nearly every pair shares
  // one, and thousands of "you both reach teenagers" hints would bury the useful ones.
  for (let a = 0; a < n; a++) {
    if (audienceOf[a]!.size === 0) continue;
    countHolders(audienceOf[a]!, audienceHolders, 1, counts, touched);
    const top: Ranked<number>[] = [];
    for (const b of ascending(touched, counts)) {
      const count = counts[b]!;
      if (b === a) continue;
      if (top.length === SHARED_AUDIENCE_PER_PARTNER && count <= top.at(-1)!.score) continue;
      const key = pair(a, b);
      if (tied.has(key) || settled.has(key)) continue;
      pushTop(top, b, count, SHARED_AUDIENCE_PER_PARTNER);
    }
    reset();
    for (const { item: b } of top) {
      const [f, t] = a < b ? [a, b] : [b, a];
      const from = partners[f]!;
      const to = partners[t]!;
      const shared = overlap(audienceOf[f]!, audienceOf[t]!);
      offer(f, t, {
        fromPartnerId: from.id,
        toPartnerId: to.id,
        kind: 'shared_target_group',
        score: SCORE.sharedTargetGroupBase + SCORE.perSharedTargetGroup * shared.length,
        describe: () => ({
          reason: { code: 'shared_target_group', params: { targetGroups: shared } },
          text: `${from.name} and ${to.name} both reach ${list(shared)} but have no tie yet.`,
        }),
      });
    }
  }

  // (c) Isolated (no tie) or peripheral (one tie) → the best-connected partner of another type
  // that is not already a neighbour; betweenness breaks degree ties, as brokers bridge groups,
  // then the lower id. Candidates are ranked once; each partner takes the first that fits.
  const hubs: number[] = [];
  for (let i = 0; i < n; i++) if (degree[i]! >= 2) hubs.push(i);
  hubs.sort((x, y) => degree[y]! - degree[x]! || betweenness[y]! - betweenness[x]! || x - y);
  for (let i = 0; i < n; i++) {
    const own = degree[i]!;
    if (own > 1) continue;
    const partner = partners[i]!;
    const h = hubs.find((j) => {
      if (j === i || partners[j]!.actorType === partner.actorType) return false;
      const key = pair(i, j);
      return !tied.has(key) && !settled.has(key);
    });
    if (h === undefined) continue;
    const hub = partners[h]!;
    const hubDegree = degree[h]!;
    const hubBetweenness = betweenness[h]!;
    const isolated = own === 0;
    offer(i, h, {
      fromPartnerId: partner.id,
      toPartnerId: hub.id,
      kind: 'isolated',
      score: isolated ? SCORE.isolated : SCORE.peripheral,
      describe: () => ({
        reason: {
          code: isolated ? 'isolated' : 'peripheral',
          params: {
            degree: own,
            actorType: partner.actorType,
            hubDegree,
            hubBetweenness,
            hubActorType: hub.actorType,
          },
        },
        text:
          `${partner.name} has ${isolated ? 'no ties' : 'only one tie'} in the network; ` +
          `${hub.name} (${humanActorType(hub.actorType)}) is tied to ${hubDegree} partners.`,
      }),
    });
  }

  // Best first, then by (from, to) in index order, which is id order: one number per
  // suggestion, sorted natively (comparing thousands of objects cost more than finding them).
  // Scores are small whole numbers (sums of `SCORE`), so the packing is exact.
  let top = 0;
  for (const c of best.values()) top = Math.max(top, c.score);
  const order = new Float64Array(best.size);
  let k = 0;
  for (const c of best.values()) {
    const from = index.get(c.fromPartnerId)!;
    const to = index.get(c.toPartnerId)!;
    order[k++] = (top - c.score) * n * n + from * n + to;
  }
  order.sort();
  const count =
    options.limit === undefined ? order.length : Math.min(order.length, Math.max(0, options.limit));
  const shown: BrokerSuggestion[] = [];
  for (let i = 0; i < count; i++) {
    const rest = order[i]! % (n * n);
    const from = Math.floor(rest / n);
    const { describe, ...suggestion } = best.get(pair(from, rest - from * n))!;
    shown.push({ ...suggestion, ...describe() });
  }
  return shown;
}
