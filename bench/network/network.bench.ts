/**
 * How long `GET …/network` spends in pure computation for a large network: 500 partners and
 * 3,000 edges (some carrying both a connection and an experiment), plus the broker suggestions
 * over the same data. Run from the repo root: `npx tsx bench/network/network.bench.ts`.
 */
import { ACTOR_TYPES, TIERS } from '@coalesce/shared';
import { performance } from 'node:perf_hooks';
import {
  buildNetwork,
  type NetworkConnection,
  type NetworkExperiment,
  type NetworkPartner,
} from '../../server/src/modules/network/network.metrics.util';
import { suggestConnections } from '../../server/src/modules/network/network.suggestions.util';

const PARTNERS = 500;
const EDGES = 3_000;
const RUNS = 20;
const WARMUP = 3;

// A fixed-seed generator (mulberry32) so every run measures the same network.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = rng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const now = new Date('2030-01-01T00:00:00.000Z');
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const partners: NetworkPartner[] = Array.from({ length: PARTNERS }, (_, i) => ({
  id: id(i),
  name: `Partner ${i}`,
  kind: random() < 0.8 ? 'organisation' : 'individual',
  tier: pick(TIERS),
  actorType: pick(ACTOR_TYPES),
}));

// 3,000 distinct pairs, 70% accepted connections and 30% two-partner experiments; then 300 more
// experiments on connected pairs, so some edges merge both kinds without adding edges.
const pairs = new Set<string>();
const connections: NetworkConnection[] = [];
const experiments: NetworkExperiment[] = [];
while (pairs.size < EDGES) {
  const a = Math.floor(random() * PARTNERS);
  const b = Math.floor(random() * PARTNERS);
  if (a === b) continue;
  const key = a < b ? `${a}-${b}` : `${b}-${a}`;
  if (pairs.has(key)) continue;
  pairs.add(key);
  if (random() < 0.7) connections.push({ fromPartnerId: id(a), toPartnerId: id(b) });
  else {
    const lastChangedAt = new Date(now.getTime() - Math.floor(random() * 365) * 86_400_000);
    experiments.push({ partnerIds: [id(a), id(b)], lastChangedAt });
  }
}
for (let i = 0; i < 300; i++) {
  const c = pick(connections);
  experiments.push({ partnerIds: [c.fromPartnerId, c.toPartnerId], lastChangedAt: now });
}

function measure(label: string, fn: () => unknown): void {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  const median = (times[Math.floor((RUNS - 1) / 2)]! + times[Math.ceil((RUNS - 1) / 2)]!) / 2;
  const p95 = times[Math.min(RUNS - 1, Math.ceil(0.95 * RUNS) - 1)]!;
  console.log(
    `${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${RUNS} runs`,
  );
}

const input = { partners, connections, experiments, now };
const network = buildNetwork(input);
console.log(
  `network: ${network.metrics.nodes} partners, ${network.metrics.edges} edges, ` +
    `density ${network.metrics.density.toFixed(4)}, activeShare ${network.metrics.activeShare}`,
);
measure('buildNetwork', () => buildNetwork(input));

const tags = ['seniors', 'teenagers', 'newcomers', 'parents', 'artists', 'job seekers', 'pupils'];
const skills = ['digital literacy', 'welding', 'coaching', 'funding', 'design', 'translation'];
const suggestionInput = {
  partners: partners.map((p) => ({
    ...p,
    contributions: { expertise: [pick(skills)], targetGroups: [pick(tags), pick(tags)] },
  })),
  experiments: experiments.slice(0, 100).map((e, i) => ({
    id: id(10_000 + i),
    title: `Experiment ${i}`,
    status: 'running' as const,
    leadPartnerId: e.partnerIds[0]!,
    partnerIds: e.partnerIds,
    neededExpertise: [pick(skills)],
    targetGroups: [pick(tags)],
  })),
  connections: connections.map((c) => ({ ...c, status: 'accepted' as const })),
};
measure('suggestConnections', () => suggestConnections(suggestionInput, { limit: 50 }));
