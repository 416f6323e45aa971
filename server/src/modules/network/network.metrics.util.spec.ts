import { type ActorType, type Tier } from '@coalesce/shared';
import Graph, { UndirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import {
  betweenness,
  buildNetwork,
  type NetworkConnection,
  type NetworkExperiment,
  type NetworkInput,
  type NetworkPartner,
} from './network.metrics.util';

const NOW = new Date('2030-04-01T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const partner = (
  id: string,
  actorType: ActorType = 'other',
  tier: Tier = 'core',
): NetworkPartner => ({
  id,
  name: `Partner ${id}`,
  kind: 'organisation',
  tier,
  actorType,
});
/** "A-B B-C" → accepted connections A–B and B–C. */
const links = (spec: string): NetworkConnection[] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((pair) => {
      const [fromPartnerId, toPartnerId] = pair.split('-');
      return { fromPartnerId: fromPartnerId!, toPartnerId: toPartnerId! };
    });
const graph = (
  ids: string,
  connections: string,
  experiments: NetworkExperiment[] = [],
): NetworkInput => ({
  partners: ids
    .split(' ')
    .filter(Boolean)
    .map((id) => partner(id)),
  connections: links(connections),
  experiments,
  now: NOW,
});
const nodeMetrics = (input: NetworkInput) =>
  Object.fromEntries(buildNetwork(input).nodes.map((n) => [n.id, n.metrics]));

describe('buildNetwork: metrics on known graphs', () => {
  it('path A–B–C: B lies on the one pair A,C (raw undirected betweenness 1, not 2)', () => {
    expect(nodeMetrics(graph('A B C', 'A-B B-C'))).toEqual({
      A: { degree: 1, betweenness: 0 },
      B: { degree: 2, betweenness: 1 },
      C: { degree: 1, betweenness: 0 },
    });
  });

  it('graphology counts each pair twice on a mixed graph, which is why we build an undirected one', () => {
    const mixed = new Graph();
    ['A', 'B', 'C'].forEach((n) => mixed.addNode(n));
    mixed.addUndirectedEdge('A', 'B');
    mixed.addUndirectedEdge('B', 'C');
    expect(betweennessCentrality(mixed, { normalized: false, getEdgeWeight: null }).B).toBe(2);
  });

  it('path of 4 A–B–C–D', () => {
    // B lies on A–C and A–D; C on B–D and A–D. E = 3, density = 2·3 / (4·3) = 0.5.
    const network = buildNetwork(graph('A B C D', 'A-B B-C C-D'));
    expect(Object.fromEntries(network.nodes.map((n) => [n.id, n.metrics]))).toEqual({
      A: { degree: 1, betweenness: 0 },
      B: { degree: 2, betweenness: 2 },
      C: { degree: 2, betweenness: 2 },
      D: { degree: 1, betweenness: 0 },
    });
    expect(network.metrics).toMatchObject({ nodes: 4, edges: 3, density: 0.5 });
  });

  it('star of 5: the hub lies on every pair of leaves', () => {
    // Hub H, leaves 1–4: C(4,2) = 6 leaf pairs all pass H. E = 4, density = 2·4 / (5·4) = 0.4.
    const network = buildNetwork(graph('H 1 2 3 4', 'H-1 H-2 3-H 4-H'));
    expect(Object.fromEntries(network.nodes.map((n) => [n.id, n.metrics]))).toEqual({
      H: { degree: 4, betweenness: 6 },
      '1': { degree: 1, betweenness: 0 },
      '2': { degree: 1, betweenness: 0 },
      '3': { degree: 1, betweenness: 0 },
      '4': { degree: 1, betweenness: 0 },
    });
    expect(network.metrics).toMatchObject({ nodes: 5, edges: 4, density: 0.4 });
  });

  it('two triangles joined through a bridge partner X', () => {
    // A–B–C and D–E–F, with C–X–D. Shortest paths are unique here:
    //   C: {A,B} × {X,D,E,F} = 8 pairs;  X: {A,B,C} × {D,E,F} = 9;  D: {E,F} × {A,B,C,X} = 8;
    //   A, B, E, F: 0 (their triangle mates are adjacent).
    // E = 8, n = 7, density = 16 / 42.
    const network = buildNetwork(graph('A B C X D E F', 'A-B A-C B-C C-X X-D D-E D-F E-F'));
    expect(Object.fromEntries(network.nodes.map((n) => [n.id, n.metrics]))).toEqual({
      A: { degree: 2, betweenness: 0 },
      B: { degree: 2, betweenness: 0 },
      C: { degree: 3, betweenness: 8 },
      X: { degree: 2, betweenness: 9 },
      D: { degree: 3, betweenness: 8 },
      E: { degree: 2, betweenness: 0 },
      F: { degree: 2, betweenness: 0 },
    });
    expect(network.metrics.edges).toBe(8);
    expect(network.metrics.density).toBeCloseTo(16 / 42, 9);
  });

  it('square: split shortest paths give halves, and tie weight is not a distance', () => {
    // A–B–C–D–A: A–C runs via B or D (½ each), B–D via A or C. Ten ties on A–B change nothing.
    const heavy = Array.from({ length: 9 }, () => ({ partnerIds: ['A', 'B'], lastChangedAt: NOW }));
    const network = buildNetwork(graph('A B C D', 'A-B B-C C-D D-A', heavy));
    expect(network.nodes.map((n) => n.metrics.betweenness)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(network.edges.find((e) => e.source === 'A' && e.target === 'B')?.weight).toBe(10);
  });

  it('empty network', () => {
    expect(buildNetwork(graph('', ''))).toEqual({
      nodes: [],
      edges: [],
      metrics: {
        nodes: 0,
        edges: 0,
        byTier: { core: 0, broad: 0 },
        byActorType: expect.objectContaining({ education: 0, other: 0 }),
        density: 0,
        diversity: 0,
        activeShare: 0,
      },
    });
  });

  it('single node', () => {
    const network = buildNetwork(graph('A', 'A-A'));
    expect(network.nodes).toEqual([{ ...partner('A'), metrics: { degree: 0, betweenness: 0 } }]);
    expect(network.edges).toEqual([]);
    expect(network.metrics).toMatchObject({ nodes: 1, edges: 0, density: 0, diversity: 0 });
  });
});

describe('buildNetwork: edges', () => {
  it('merges connections and shared experiments into one weighted edge per pair', () => {
    const network = buildNetwork(
      graph('A B C', 'B-A', [
        { partnerIds: ['A', 'B', 'C'], lastChangedAt: NOW },
        { partnerIds: ['B', 'A', 'A'], lastChangedAt: NOW }, // a repeated id is one member
      ]),
    );
    expect(network.edges).toEqual([
      { source: 'A', target: 'B', kinds: ['connection', 'experiment'], weight: 3 },
      { source: 'A', target: 'C', kinds: ['experiment'], weight: 1 },
      { source: 'B', target: 'C', kinds: ['experiment'], weight: 1 },
    ]);
    // Degree counts neighbours, not ties.
    expect(network.nodes.map((n) => n.metrics.degree)).toEqual([2, 2, 2]);
  });

  it('keeps only ties between partners shown, and no self-ties', () => {
    const network = buildNetwork(
      graph('A B', 'A-B A-GONE A-A', [{ partnerIds: ['A', 'GONE'], lastChangedAt: NOW }]),
    );
    expect(network.edges).toEqual([{ source: 'A', target: 'B', kinds: ['connection'], weight: 1 }]);
    expect(network.metrics.activeShare).toBe(0.5);
  });

  it('does not depend on input order', () => {
    const input = graph('C A D B', 'D-C B-A C-B', [{ partnerIds: ['D', 'A'], lastChangedAt: NOW }]);
    const shuffled: NetworkInput = {
      ...input,
      partners: [...input.partners].reverse(),
      connections: [...input.connections].reverse(),
    };
    expect(buildNetwork(shuffled)).toEqual(buildNetwork(input));
    expect(buildNetwork(input).nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('buildNetwork: composition and activity', () => {
  it('counts tiers and actor types; diversity = 1 − Σ p²', () => {
    // education 2/4, sports 1/4, citizen 1/4: 1 − (0.25 + 0.0625 + 0.0625) = 0.625.
    const network = buildNetwork({
      partners: [
        partner('A', 'education'),
        partner('B', 'education', 'broad'),
        partner('C', 'sports', 'broad'),
        partner('D', 'citizen', 'broad'),
      ],
      connections: [],
      experiments: [],
      now: NOW,
    });
    expect(network.metrics.byTier).toEqual({ core: 1, broad: 3 });
    expect(network.metrics.byActorType).toMatchObject({
      education: 2,
      sports: 1,
      citizen: 1,
      other: 0,
    });
    expect(Object.keys(network.metrics.byActorType)).toHaveLength(11);
    expect(network.metrics.diversity).toBe(0.625);
  });

  it('one actor type has no diversity; all different is 1 − 1/n', () => {
    const same = buildNetwork(graph('A B C', ''));
    expect(same.metrics.diversity).toBe(0);
    const mixed = buildNetwork({
      ...graph('', ''),
      partners: [partner('A', 'education'), partner('B', 'sports'), partner('C', 'citizen')],
    });
    expect(mixed.metrics.diversity).toBeCloseTo(2 / 3, 9);
  });

  it('activeShare: partners in an experiment changed within the last 90 days', () => {
    // 5 partners; recent experiment {A,B}, one exactly 90 days old {D}, an old one {C}: 3/5.
    const network = buildNetwork(
      graph('A B C D E', '', [
        { partnerIds: ['A', 'B'], lastChangedAt: daysAgo(10) },
        { partnerIds: ['D'], lastChangedAt: daysAgo(90) },
        { partnerIds: ['C'], lastChangedAt: daysAgo(90.01) },
        { partnerIds: ['A'], lastChangedAt: daysAgo(1) }, // A counted once
      ]),
    );
    expect(network.metrics.activeShare).toBe(0.6);
  });
});

describe('betweenness: the typed-array Brandes against graphology-metrics', () => {
  // A fixed-seed generator (mulberry32): the same random graphs on every run.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  it('agrees on 200 random graphs, sparse to dense, with isolated nodes and components', () => {
    const random = rng(7);
    for (let g = 0; g < 200; g++) {
      const n = 1 + Math.floor(random() * 30);
      const m = Math.floor(random() * n * 3);
      const reference = new UndirectedGraph();
      for (let i = 0; i < n; i++) reference.addNode(String(i));
      const pairs: number[] = [];
      for (let k = 0; k < m; k++) {
        const a = Math.floor(random() * n);
        const b = Math.floor(random() * n);
        if (a === b || reference.hasEdge(String(a), String(b))) continue;
        reference.addEdge(String(a), String(b));
        pairs.push(Math.min(a, b), Math.max(a, b));
      }
      const expected = betweennessCentrality(reference, { normalized: false, getEdgeWeight: null });
      const actual = betweenness(n, Int32Array.from(pairs));
      for (let i = 0; i < n; i++) expect(actual[i]).toBeCloseTo(expected[String(i)]!, 9);
    }
  });

  it('the same shape gives the same metrics whatever the ids (the cache is keyed on shape)', () => {
    const a = buildNetwork(graph('A B C', 'A-B B-C'));
    const b = buildNetwork(graph('X Y Z', 'X-Y Y-Z'));
    expect(b.nodes.map((n) => n.metrics)).toEqual(a.nodes.map((n) => n.metrics));
  });
});
