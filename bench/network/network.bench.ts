/**
 * How long `GET …/network` spends in pure computation for a large network: PARTNERS partners and
 * EDGES edges (some carrying both a connection and an experiment), plus the broker suggestions
 * over the same data. Run from the repo root:
 *
 *   npx tsx bench/network/network.bench.ts                       # 500 partners, 3,000 edges
 *   BENCH_PARTNERS=2000 BENCH_EDGES=12000 npx tsx bench/network/network.bench.ts
 *
 * Each line is measured twice: "tie change" adds or removes one tie before every call, so the
 * betweenness (cached under the graph's shape) is recomputed; "same shape" leaves the ties alone,
 * as after most changes (a description, a status). BENCH_ROUNDS rounds (default 5) interleave the
 * lines, so a burst of load on the shared machine shows as one bad round instead of one bad line;
 * each round's median and the median over rounds are printed, with wall and CPU time.
 */
import { ACTOR_TYPES, TIERS } from '@coalesce/shared';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  buildNetwork,
  type NetworkConnection,
  type NetworkExperiment,
  type NetworkPartner,
} from '../../server/src/modules/network/network.metrics.util';
import { suggestConnections } from '../../server/src/modules/network/network.suggestions.util';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 500);
const EDGES = Number(process.env.BENCH_EDGES ?? 3_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 2;

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
for (let i = 0; i < EDGES / 10; i++) {
  const c = pick(connections);
  experiments.push({ partnerIds: [c.fromPartnerId, c.toPartnerId], lastChangedAt: now });
}

const env = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}, ${cpus().length} cores, node ${process.version}`;

const median = (xs: number[]): number => {
  const a = [...xs].sort((x, y) => x - y);
  return (a[Math.floor((a.length - 1) / 2)]! + a[Math.ceil((a.length - 1) / 2)]!) / 2;
};

interface Line {
  label: string;
  fn: (i: number) => unknown;
  /** Per round: median wall ms, median CPU ms. */
  rounds: { wall: number; cpu: number }[];
}

function round(line: Line): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    line.fn(i);
    wall.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  line.rounds.push({ wall: median(wall), cpu: median(cpu) });
}

const input = { partners, connections, experiments, now };
const network = buildNetwork(input);
console.log(
  `network: ${network.metrics.nodes} partners, ${network.metrics.edges} edges, ` +
    `density ${network.metrics.density.toFixed(4)}, activeShare ${network.metrics.activeShare}`,
);
// Every "tie change" call adds one tie not seen before, so betweenness is never cached.
const absent: NetworkConnection[] = [];
for (let a = 0; absent.length < 10_000; a = (a + 1) % PARTNERS) {
  const b = Math.floor(random() * PARTNERS);
  const key = a < b ? `${a}-${b}` : `${b}-${a}`;
  if (a === b || pairs.has(key)) continue;
  pairs.add(key);
  absent.push({ fromPartnerId: id(a), toPartnerId: id(b) });
}
let shapes = 0;
const toggled = () => [...connections, absent[shapes++ % absent.length]!];
const fresh = () => ({ ...input, connections: toggled() });

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
const suggestionsFresh = () => ({
  ...suggestionInput,
  connections: toggled().map((c) => ({ ...c, status: 'accepted' as const })),
});

const lines: Line[] = [
  { label: 'buildNetwork, tie change', fn: () => buildNetwork(fresh()), rounds: [] },
  { label: 'buildNetwork, same shape', fn: () => buildNetwork(input), rounds: [] },
  {
    label: 'suggestConnections, tie change',
    fn: () => suggestConnections(suggestionsFresh(), { limit: 50 }),
    rounds: [],
  },
  {
    label: 'suggestConnections, same shape',
    fn: () => suggestConnections(suggestionInput, { limit: 50 }),
    rounds: [],
  },
];
console.log(`start: ${env()}`);
for (const line of lines) for (let i = 0; i < WARMUP; i++) line.fn(i);
for (let r = 0; r < ROUNDS; r++) for (const line of lines) round(line);
console.log(`end:   ${env()}`);
console.log(
  `${ROUNDS} interleaved rounds of ${RUNS} calls per line; per round the median wall ms (CPU ms)`,
);
for (const line of lines) {
  const rounds = line.rounds.map((r) => `${r.wall.toFixed(1)} (${r.cpu.toFixed(1)})`).join(', ');
  console.log(
    `${line.label.padEnd(32)} median ${median(line.rounds.map((r) => r.wall)).toFixed(1)} ms ` +
      `(CPU ${median(line.rounds.map((r) => r.cpu)).toFixed(1)} ms); rounds: ${rounds}`,
  );
}
