/**
 * The network view (`GET …/network`) as a pure function: partners are nodes, accepted connections
 * and shared experiments are ties. The network service loads the partners active at `at`, their
 * accepted connections and the experiments as they stood then, and returns this verbatim.
 */
import { ACTOR_TYPES, TIERS, type ActorType, type PartnerKind, type Tier } from '@coalesce/shared';
import { UndirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';

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

/** One key per unordered pair; the NUL separator cannot occur inside an id. */
export const pairKey = (a: string, b: string): string =>
  a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;

/** Distinct present members of an experiment, in id order. */
function presentMembers(partnerIds: string[], present: Set<string>): string[] {
  return [...new Set(partnerIds)].filter((id) => present.has(id)).sort(compareIds);
}

/**
 * Merges every tie between two present partners into one undirected edge, source < target.
 * Self-ties and ties to partners not shown are dropped.
 */
export function mergeTies(
  present: Set<string>,
  connections: NetworkConnection[],
  experiments: { partnerIds: string[] }[],
): NetworkEdge[] {
  const edges = new Map<string, NetworkEdge>();
  const add = (a: string, b: string, kind: EdgeKind) => {
    if (a === b || !present.has(a) || !present.has(b)) return;
    const key = pairKey(a, b);
    let edge = edges.get(key);
    if (!edge) {
      const [source, target] = a < b ? [a, b] : [b, a];
      edge = { source, target, kinds: [], weight: 0 };
      edges.set(key, edge);
    }
    if (!edge.kinds.includes(kind)) edge.kinds.push(kind);
    edge.weight += 1;
  };
  for (const c of connections) add(c.fromPartnerId, c.toPartnerId, 'connection');
  for (const e of experiments) {
    const members = presentMembers(e.partnerIds, present);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) add(members[i]!, members[j]!, 'experiment');
    }
  }
  const sorted = [...edges.values()].sort(
    (x, y) => compareIds(x.source, y.source) || compareIds(x.target, y.target),
  );
  // A fixed kinds order keeps the output independent of input order.
  for (const edge of sorted) edge.kinds.sort(compareIds);
  return sorted;
}

/**
 * Degree (distinct neighbours) and raw undirected betweenness of each node.
 *
 * graphology-metrics' Brandes accumulation visits every pair in both directions; with
 * `normalized: false` it halves the result only when the graph's type is 'undirected' (a default
 * mixed Graph would report 2 for B on A–B–C). Hence an UndirectedGraph, which yields the contract's
 * "each pair counted once". `getEdgeWeight: null` because our weight counts ties, it is not a
 * distance: a strong tie must not make paths through it look longer.
 */
export function centrality(
  nodeIds: string[],
  edges: { source: string; target: string }[],
): Map<string, { degree: number; betweenness: number }> {
  const graph = new UndirectedGraph();
  for (const id of nodeIds) graph.addNode(id);
  for (const e of edges) graph.mergeEdge(e.source, e.target);
  // The library's Brandes index throws on an empty graph (a zero-capacity stack).
  const betweenness =
    graph.order === 0
      ? {}
      : betweennessCentrality(graph, { normalized: false, getEdgeWeight: null });
  const result = new Map<string, { degree: number; betweenness: number }>();
  for (const id of nodeIds) {
    result.set(id, { degree: graph.degree(id), betweenness: roundMetric(betweenness[id] ?? 0) });
  }
  return result;
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
  const partners = [...new Map(input.partners.map((p) => [p.id, p])).values()].sort((a, b) =>
    compareIds(a.id, b.id),
  );
  const present = new Set(partners.map((p) => p.id));
  const edges = mergeTies(present, input.connections, input.experiments);
  const ids = partners.map((p) => p.id);
  const metricsById = centrality(ids, edges);

  const nodes: NetworkNode[] = partners.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    tier: p.tier,
    actorType: p.actorType,
    metrics: metricsById.get(p.id)!,
  }));

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
    for (const id of e.partnerIds) if (present.has(id)) active.add(id);
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
