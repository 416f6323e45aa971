/**
 * The network view (`GET …/network`) as a pure function: partners are nodes, accepted connections
 * and shared experiments are ties. The network service loads the partners active at `at`, their
 * accepted connections and the experiments as they stood then, and returns this verbatim.
 */
import { ACTOR_TYPES, TIERS, type ActorType, type PartnerKind, type Tier } from '@coalesce/shared';
import { createHash } from 'node:crypto';

export interface NetworkPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  tier: Tier;
  actorType: ActorType;
}

export interface NetworkConnection {
  fromPartnerId: string;
  toPartnerId: string;
}

export interface NetworkExperiment {
  partnerIds: string[];
  /** Last change (status, learnings, partners…): drives `activeShare`. */
  lastChangedAt: Date;
}

export interface NetworkInput {
  /** The partners active at the moment shown; ties to anyone else are left out. */
  partners: NetworkPartner[];
  /** Accepted connections only. */
  connections: NetworkConnection[];
  experiments: NetworkExperiment[];
  /** The moment shown (`?at=`, default now): the 90-day activity window ends here. */
  now: Date;
}

export type EdgeKind = 'connection' | 'experiment';

export interface NetworkNode extends NetworkPartner {
  metrics: { degree: number; betweenness: number };
}

export interface NetworkEdge {
  source: string;
  target: string;
  kinds: EdgeKind[];
  /** Number of ties: one per accepted connection, one per shared experiment. */
  weight: number;
}

export interface NetworkMetrics {
  nodes: number;
  edges: number;
  byTier: Record<Tier, number>;
  byActorType: Record<ActorType, number>;
  density: number;
  diversity: number;
  activeShare: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  metrics: NetworkMetrics;
}

export const ACTIVE_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** Plain code-unit order, so ids sort the same on every machine and locale. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Partners once each, in id order: a partner's position is its index in the tie graph. */
export function uniqueSorted<T extends { id: string }>(partners: readonly T[]): T[] {
  return [...new Map(partners.map((p) => [p.id, p])).values()].sort((a, b) =>
    compareIds(a.id, b.id),
  );
}

/**
 * The ties between the partners shown, as an undirected graph on their indices (id order).
 * `edges` is sorted by (source, target); `pairs` holds each edge's two indices (lower first),
 * so graph algorithms run on integers instead of ids.
 */
export interface TieGraph {
  n: number;
  edges: NetworkEdge[];
  pairs: Int32Array;
}

/**
 * One number per unordered pair of indices (lower first): the key the maps of pairs use, as a
 * string per pair cost more than the rest of the work on a large network.
 */
export const pairIndex = (n: number, a: number, b: number): number =>
  a < b ? a * n + b : b * n + a;

/**
 * Merges every tie between two present partners into one undirected edge, source < target.
 * Self-ties and ties to partners not shown are dropped. `index`: id → position in id order.
 */
export function tieGraph(
  index: ReadonlyMap<string, number>,
  ids: readonly string[],
  connections: readonly NetworkConnection[],
  experiments: readonly { partnerIds: string[] }[],
): TieGraph {
  const n = ids.length;
  // One number per tie: its pair's index × 2, + 1 for an experiment. Sorted natively, the ties
  // of a pair lie together, a connection before an experiment; no map, no object per tie.
  const ties: number[] = [];
  for (const c of connections) {
    const a = index.get(c.fromPartnerId);
    const b = index.get(c.toPartnerId);
    if (a !== undefined && b !== undefined && a !== b) ties.push(2 * pairIndex(n, a, b));
  }
  const members: number[] = [];
  for (const e of experiments) {
    // Distinct present members: a repeated id is one member.
    members.length = 0;
    for (const id of e.partnerIds) {
      const i = index.get(id);
      if (i !== undefined && !members.includes(i)) members.push(i);
    }
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        ties.push(2 * pairIndex(n, members[i]!, members[j]!) + 1);
      }
    }
  }
  const sorted = Float64Array.from(ties).sort();
  const edges: NetworkEdge[] = [];
  const pairs: number[] = [];
  for (let k = 0; k < sorted.length;) {
    const key = Math.floor(sorted[k]! / 2);
    let weight = 0;
    let connection = false;
    let experiment = false;
    for (; k < sorted.length && Math.floor(sorted[k]! / 2) === key; k++) {
      weight++;
      if (sorted[k]! % 2 === 0) connection = true;
      else experiment = true;
    }
    const a = Math.floor(key / n);
    const b = key % n;
    // Index order is id order: edges come out sorted by (source, target), kinds by name.
    const kinds: EdgeKind[] = connection
      ? experiment
        ? ['connection', 'experiment']
        : ['connection']
      : ['experiment'];
    edges.push({ source: ids[a]!, target: ids[b]!, kinds, weight });
    pairs.push(a, b);
  }
  return { n, edges, pairs: Int32Array.from(pairs) };
}

/**
 * Raw undirected betweenness of every node (each pair of endpoints counted once; shortest paths
 * by hops: our weight counts ties, it is not a distance, so a strong tie must not make paths
 * through it look longer). Brandes' algorithm on a compressed adjacency in typed arrays: one BFS
 * per source, then the dependencies accumulated backwards over the shortest-path DAG.
 * O(n·m) time, O(n + m) memory.
 */
export function betweenness(n: number, pairs: Int32Array): Float64Array {
  const m = pairs.length / 2;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < 2 * m; k++) start[pairs[k]! + 1]! += 1;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adjacency = new Int32Array(2 * m);
  const fill = start.slice(0, n);
  for (let k = 0; k < m; k++) {
    const a = pairs[2 * k]!;
    const b = pairs[2 * k + 1]!;
    adjacency[fill[a]!++] = b;
    adjacency[fill[b]!++] = a;
  }

  const result = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  // The shortest-path DAG's edges as the BFS finds them (predecessor, successor): walking them
  // backwards accumulates the dependencies without scanning every neighbour a second time.
  const dagFrom = new Int32Array(2 * m);
  const dagTo = new Int32Array(2 * m);
  for (let s = 0; s < n; s++) {
    if (start[s + 1] === start[s]) continue;
    distance[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    let dag = 0;
    while (head < tail) {
      const v = order[head++]!;
      const next = distance[v]! + 1;
      const paths = sigma[v]!;
      for (let k = start[v]!, end = start[v + 1]!; k < end; k++) {
        const w = adjacency[k]!;
        const d = distance[w]!;
        if (d < 0) {
          distance[w] = next;
          sigma[w] = paths;
          order[tail++] = w;
        } else if (d !== next) continue;
        else sigma[w]! += paths;
        dagFrom[dag] = v;
        dagTo[dag++] = w;
      }
    }
    // A successor's edges were recorded after its predecessor's, so backwards each delta[w] is
    // complete before it is passed on.
    for (let e = dag - 1; e >= 0; e--) {
      const v = dagFrom[e]!;
      const w = dagTo[e]!;
      delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
    }
    for (let i = 1; i < tail; i++) result[order[i]!]! += delta[order[i]!]!;
    // Only the nodes this BFS reached need resetting.
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      distance[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  // Every pair was counted from both ends.
  for (let v = 0; v < n; v++) result[v]! /= 2;
  return result;
}

/**
 * Betweenness depends on the graph's shape alone, and most changes (descriptions, statuses,
 * learnings, tiers) leave it as it was: the last few results are kept under a hash of the shape
 * (n and the sorted index pairs), so recomputing a view after such a change, or the suggestions
 * after the view, skips the O(n·m) part. Content-addressed, so never stale, on any instance.
 */
const BETWEENNESS_ENTRIES = 8;
const betweennessMemo = new Map<string, Float64Array>();

function memoBetweenness(n: number, pairs: Int32Array): Float64Array {
  const key = `${n}:${createHash('sha256').update(pairs).digest('base64')}`;
  const hit = betweennessMemo.get(key);
  if (hit) {
    betweennessMemo.delete(key);
    betweennessMemo.set(key, hit);
    return hit;
  }
  const value = betweenness(n, pairs);
  betweennessMemo.set(key, value);
  while (betweennessMemo.size > BETWEENNESS_ENTRIES) {
    betweennessMemo.delete(betweennessMemo.keys().next().value!);
  }
  return value;
}

/** Degree (distinct neighbours) and betweenness of each node, by index. */
export interface Centrality {
  degree: Int32Array;
  betweenness: Float64Array;
}

export function centrality(graph: TieGraph): Centrality {
  const degree = new Int32Array(graph.n);
  for (const v of graph.pairs) degree[v]! += 1;
  const raw = memoBetweenness(graph.n, graph.pairs);
  return { degree, betweenness: raw.map(roundMetric) };
}

/** Brandes sums fractions of shortest paths; rounding hides float noise like 2.9999999999999996. */
const roundMetric = (value: number): number => Math.round(value * 1e9) / 1e9;

/** 1 − Σ p² over actor types: the chance two random partners are of different types. */
function diversityOf(byActorType: Record<ActorType, number>, n: number): number {
  if (n === 0) return 0;
  let sumSquares = 0;
  for (const count of Object.values(byActorType)) sumSquares += (count / n) ** 2;
  return roundMetric(1 - sumSquares);
}

export function buildNetwork(input: NetworkInput): Network {
  const partners = uniqueSorted(input.partners);
  const ids = partners.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const graph = tieGraph(index, ids, input.connections, input.experiments);
  const { degree, betweenness } = centrality(graph);

  const nodes: NetworkNode[] = partners.map((p, i) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    tier: p.tier,
    actorType: p.actorType,
    metrics: { degree: degree[i]!, betweenness: betweenness[i]! },
  }));
  const edges = graph.edges;

  const byTier = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  const byActorType = Object.fromEntries(ACTOR_TYPES.map((t) => [t, 0])) as Record<
    ActorType,
    number
  >;
  for (const p of partners) {
    byTier[p.tier] += 1;
    byActorType[p.actorType] += 1;
  }

  const since = input.now.getTime() - ACTIVE_WINDOW_DAYS * DAY_MS;
  const active = new Set<string>();
  for (const e of input.experiments) {
    // Only a lower bound: a change stamped a moment after `now` by another clock is still recent.
    if (e.lastChangedAt.getTime() < since) continue;
    for (const id of e.partnerIds) if (index.has(id)) active.add(id);
  }

  const n = nodes.length;
  const E = edges.length;
  return {
    nodes,
    edges,
    metrics: {
      nodes: n,
      edges: E,
      byTier,
      byActorType,
      density: n < 2 ? 0 : roundMetric((2 * E) / (n * (n - 1))),
      diversity: diversityOf(byActorType, n),
      activeShare: n === 0 ? 0 : roundMetric(active.size / n),
    },
  };
}
