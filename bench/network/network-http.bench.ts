/**
 * `GET …/network` and its suggestions over HTTP on large networks. For each size in BENCH_SIZES
 * (default `500x3000,2000x12000`: partners × edges, accepted connections and two-partner
 * experiments, a tenth of the pairs both) it seeds a workspace with the event log such a network
 * leaves behind (partner.added with back-dated joinedAt, the four events of every connection,
 * experiment events and learnings), starts the BUILT server (`node server/dist/main.js`) as a
 * real process and times sequential requests of each kind:
 *
 *   after a change      a partner's description is edited before each request (one
 *                       partner.updated event): the view is recomputed from the database; the
 *                       ties did not change, so the betweenness is found under the graph's shape
 *   after a tie change  an experiment gains a different third partner before each request: a new
 *                       shape every time, so the betweenness (O(partners × edges)) is recomputed
 *   ?at=                rebuilt from the log: a new moment each request, after a change, cached
 *   suggestions         after a change, after a tie change, unchanged
 *
 * BENCH_ROUNDS rounds (default 3) of BENCH_RUNS requests (default 20) per line, interleaved
 * (round 1 of every line, then round 2…; each line's round starts with one unmeasured request
 * that puts the server in the line's state, since the lines before it changed the ties), so a burst of load on the shared machine shows as one
 * bad round rather than one bad line. Per line: each round's p95, the median of those, and p50/p95
 * over all rounds, and the server process's CPU per request (utime + stime during the timed
 * requests, from /proc: 10 ms ticks, so read it as an average; it does not grow with the load
 * as the latencies do). The environment (load average, cores, node) is printed at start and end.
 * Targets (exit code 1 when missed, judged on the median of the rounds' p95): the network after a
 * change at 2,000 partners p95 < 200 ms; suggestions after a change at 500 partners p95 < 100 ms.
 *
 *   npx pnpm --filter @coalesce/shared build && npx pnpm --filter @coalesce/server build
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/network/network-http.bench.ts
 *
 * (TEST_DATABASE_URL works too; the default is the local PostgreSQL above.)
 * BENCH_LINES=<regexp> runs only the lines whose label matches, e.g. "network, after a change".
 * BENCH_SERVER_NODE_OPTIONS is the server's NODE_OPTIONS (e.g. "--require <a profiler hook>").
 */
import { ACTOR_TYPES, TIERS } from '@coalesce/shared';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServer } from '../../test/support/server.ts';
import { clockTicks, cpuTicks } from '../collab/proc.ts';

const SIZES = (process.env.BENCH_SIZES ?? '500x3000,2000x12000').split(',').map((size) => {
  const [partners, edges] = size.split('x').map(Number);
  return { partners: partners!, edges: edges! };
});
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 3;
const NETWORK_TARGET = { partners: 2000, ms: 200 };
const SUGGESTIONS_TARGET = { partners: 500, ms: 100 };
const DAY = 86_400_000;
/** Only the lines whose label matches (a regular expression), e.g. "after a change". */
const ONLY = process.env.BENCH_LINES ? new RegExp(process.env.BENCH_LINES) : undefined;

const base =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

// A fixed-seed generator (mulberry32) so every run seeds the same shape of network.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
let random = rng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const tags = ['seniors', 'teenagers', 'newcomers', 'parents', 'artists', 'job seekers', 'pupils'];
const skills = ['digital literacy', 'welding', 'coaching', 'funding', 'design', 'translation'];

async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

interface SeedEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  partnerIds: string[];
  payload: Record<string, unknown>;
  createdAt: string;
}

async function seed(
  db: pg.Client,
  workspaceId: string,
  userId: string,
  now: number,
  PARTNERS: number,
  EDGES: number,
) {
  random = rng(42);
  const iso = (t: number) => new Date(t).toISOString();
  const partners = Array.from({ length: PARTNERS }, (_, i) => ({
    id: randomUUID(),
    name: `Partner ${i}`,
    kind: random() < 0.8 ? 'organisation' : 'individual',
    tier: pick(TIERS),
    actorType: pick(ACTOR_TYPES),
    // Joined over the last two years; the first fifty are the founding group.
    joinedAt: iso(now - (i < 50 ? 730 : Math.floor(random() * 700) + 1) * DAY),
    contributions: {
      expertise: [pick(skills)],
      targetGroups: [pick(tags), pick(tags)],
      resources: [],
    },
  }));
  const events: SeedEvent[] = partners.map((p) => ({
    type: 'partner.added',
    subjectType: 'partner',
    subjectId: p.id,
    partnerIds: [p.id],
    payload: {
      name: p.name,
      kind: p.kind,
      tier: p.tier,
      actorType: p.actorType,
      joinedAt: p.joinedAt,
      via: 'direct',
    },
    createdAt: iso(now - 731 * DAY),
  }));
  const later = (a: (typeof partners)[number], b: (typeof partners)[number]) =>
    Math.max(Date.parse(a.joinedAt), Date.parse(b.joinedAt));

  const connections: Record<string, unknown>[] = [];
  const experiments: Record<string, unknown>[] = [];
  const pairs = new Set<string>();
  const connected: [number, number][] = [];
  const addExperiment = (a: number, b: number, at: number) => {
    const id = randomUUID();
    const partnerIds = [partners[a]!.id, partners[b]!.id];
    const status = pick(['idea', 'preparing', 'running', 'evaluating', 'mainstreamed', 'stopped']);
    const changed = at + Math.floor(random() * Math.max(1, now - at));
    experiments.push({
      id,
      title: `Experiment ${experiments.length}`,
      status,
      leadPartnerId: partnerIds[0],
      partnerIds,
      neededExpertise: [pick(skills)],
      targetGroups: [pick(tags)],
      createdAt: iso(at),
      updatedAt: iso(changed),
    });
    const common = { subjectType: 'experiment', subjectId: id, partnerIds };
    events.push({
      ...common,
      type: 'experiment.created',
      payload: { title: 'x', status: 'idea', partnerIds, leadPartnerId: partnerIds[0] },
      createdAt: iso(at),
    });
    events.push({
      ...common,
      type: 'experiment.status_changed',
      payload: { from: 'idea', to: status, partnerIds },
      createdAt: iso(changed),
    });
    events.push({
      ...common,
      type: 'experiment.learning_added',
      payload: { text: 'learned' },
      createdAt: iso(changed),
    });
  };
  while (pairs.size < EDGES) {
    const a = Math.floor(random() * PARTNERS);
    const b = Math.floor(random() * PARTNERS);
    if (a === b) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const pa = partners[a]!;
    const pb = partners[b]!;
    const at = later(pa, pb) + Math.floor(random() * (now - later(pa, pb)));
    if (random() < 0.7) {
      const id = randomUUID();
      connected.push([a, b]);
      connections.push({ id, from: pa.id, to: pb.id, status: 'accepted', createdAt: iso(at) });
      const common = { subjectType: 'connection', subjectId: id, partnerIds: [pa.id, pb.id] };
      const base = {
        connectionId: id,
        fromPartnerId: pa.id,
        toPartnerId: pb.id,
        proposedBy: userId,
      };
      events.push({
        ...common,
        type: 'connection.proposed',
        payload: { ...base, reason: 'x' },
        createdAt: iso(at),
      });
      events.push({
        ...common,
        type: 'connection.responded',
        payload: { ...base, partnerId: pa.id, accept: true },
        createdAt: iso(at + 1000),
      });
      events.push({
        ...common,
        type: 'connection.responded',
        payload: { ...base, partnerId: pb.id, accept: true },
        createdAt: iso(at + 2000),
      });
      events.push({
        ...common,
        type: 'connection.accepted',
        payload: { ...base, partnerId: pb.id, accept: true },
        createdAt: iso(at + 2000),
      });
    } else {
      addExperiment(a, b, at);
    }
  }
  // A tenth more experiments on connected pairs: edges carrying both kinds, no new edges.
  for (let i = 0; i < EDGES / 10; i++) {
    const [a, b] = pick(connected);
    addExperiment(a, b, later(partners[a]!, partners[b]!) + DAY);
  }
  // Declined proposals: part of the log and of the suggestions' input, never edges.
  for (let i = 0; i < EDGES / 10; i++) {
    const a = Math.floor(random() * PARTNERS);
    const b = (a + 1 + Math.floor(random() * (PARTNERS - 1))) % PARTNERS;
    connections.push({
      id: randomUUID(),
      from: partners[a]!.id,
      to: partners[b]!.id,
      status: 'declined',
      createdAt: iso(now - DAY),
    });
  }

  await db.query('BEGIN');
  await db.query(
    `INSERT INTO partners ("id","workspaceId","kind","name","actorType","tier","status","contributions","joinedAt","createdAt")
     SELECT r.id, $1, r.kind, r.name, r."actorType", r.tier, 'active', r.contributions, r."joinedAt", r."joinedAt"
     FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, kind text, name text, "actorType" text, tier text, contributions jsonb, "joinedAt" timestamptz)`,
    [workspaceId, JSON.stringify(partners)],
  );
  await db.query(
    `INSERT INTO connections ("id","workspaceId","fromPartnerId","toPartnerId","reason","status","proposedBy","createdAt","closedAt")
     SELECT r.id, $1, r."from", r."to", 'seeded', r.status, $2, r."createdAt", r."createdAt"
     FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, "from" uuid, "to" uuid, status text, "createdAt" timestamptz)`,
    [workspaceId, userId, JSON.stringify(connections)],
  );
  await db.query(
    `INSERT INTO experiments ("id","workspaceId","title","status","leadPartnerId","partnerIds","neededExpertise","targetGroups","createdBy","createdAt","updatedAt","statusChangedAt")
     SELECT r.id, $1, r.title, r.status, r."leadPartnerId",
            ARRAY(SELECT jsonb_array_elements_text(r."partnerIds"))::uuid[],
            ARRAY(SELECT jsonb_array_elements_text(r."neededExpertise")),
            ARRAY(SELECT jsonb_array_elements_text(r."targetGroups")),
            $2, r."createdAt", r."updatedAt", r."updatedAt"
     FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, title text, status text, "leadPartnerId" uuid, "partnerIds" jsonb, "neededExpertise" jsonb, "targetGroups" jsonb, "createdAt" timestamptz, "updatedAt" timestamptz)`,
    [workspaceId, userId, JSON.stringify(experiments)],
  );
  // In time order, so `seq` grows with `createdAt` as it does live.
  await db.query(
    `INSERT INTO activity_events ("workspaceId","type","actorId","subjectType","subjectId","partnerIds","payload","createdAt")
     SELECT $1, r.type, $2, r."subjectType", r."subjectId",
            ARRAY(SELECT jsonb_array_elements_text(r."partnerIds"))::uuid[], r.payload, r."createdAt"
     FROM jsonb_to_recordset($3::jsonb) AS r(type text, "subjectType" text, "subjectId" uuid, "partnerIds" jsonb, payload jsonb, "createdAt" timestamptz)
     ORDER BY r."createdAt"`,
    [workspaceId, userId, JSON.stringify(events)],
  );
  await db.query('COMMIT');
  // As autovacuum leaves a table in production: statistics, and a visibility map for index-only scans.
  await db.query('VACUUM ANALYZE');
  // Experiments whose pair a third partner (not tied to either) can join, for tie changes.
  const tieChanges: { experimentId: string; partnerIds: string[] }[] = [];
  for (const x of experiments) {
    if (tieChanges.length >= 1000) break;
    const ids = x.partnerIds as string[];
    const [a, b] = ids.map((id) => partners.findIndex((p) => p.id === id));
    for (let tries = 0; tries < 20; tries++) {
      const c = Math.floor(random() * PARTNERS);
      const untied = (x: number) => c !== x && !pairs.has(c < x ? `${c}-${x}` : `${x}-${c}`);
      if (untied(a!) && untied(b!)) {
        tieChanges.push({ experimentId: x.id as string, partnerIds: [...ids, partners[c]!.id] });
        break;
      }
    }
  }
  return {
    events: events.length,
    connections: connections.length,
    experiments: experiments.length,
    tieChanges,
  };
}

const env = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}, ${cpus().length} cores, node ${process.version}`;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return (a[Math.floor((a.length - 1) / 2)]! + a[Math.ceil((a.length - 1) / 2)]!) / 2;
};

interface Line {
  label: string;
  partners: number;
  url: (i: number) => string;
  /** Runs before each request, not timed (a change). */
  before?: (i: number) => Promise<void>;
  /** Per round, the request times in ms. */
  rounds: number[][];
  /** The server's CPU (utime + stime) during the timed requests, ms, and their number. */
  cpuMs: number;
  requests: number;
  target?: number;
}

async function main(): Promise<void> {
  const name = `coalesce_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer({
      DATABASE_URL: url.toString(),
      LOG_LEVEL: 'info',
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
      ...(process.env.BENCH_SERVER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
        : {}),
    });
    await db.connect();
    const email = `bench-${Date.now()}@example.test`;
    const auth = await json<{ accessToken: string; user: { id: string } }>(
      `${server.url}/api/auth/register`,
      {
        method: 'POST',
        body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Bench' }),
      },
    );
    const token = auth.accessToken;
    const api = `${server.url}/api/workspaces`;
    const now = Date.now();
    const lines: Line[] = [];
    let counter = 0;
    for (const size of SIZES) {
      const ws = await json<{ id: string }>(api, {
        method: 'POST',
        token,
        body: JSON.stringify({ name: `Bench network ${size.partners}` }),
      });
      const t0 = performance.now();
      const seeded = await seed(db, ws.id, auth.user.id, now, size.partners, size.edges);
      const path = `${api}/${ws.id}/network`;
      const today = await json<{ metrics: { nodes: number; edges: number } }>(path, { token });
      console.log(
        `seeded ${size.partners} partners, ${seeded.connections} connections, ${seeded.experiments} experiments, ` +
          `${seeded.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
          `${today.metrics.nodes} nodes, ${today.metrics.edges} edges today`,
      );
      const minuteAgo = new Date(now - 60_000).toISOString();
      const yearAgo = new Date(now - 365 * DAY).toISOString();
      const past = await json<{ metrics: { nodes: number; edges: number } }>(
        `${path}?at=${encodeURIComponent(minuteAgo)}`,
        { token },
      );
      if (
        past.metrics.nodes !== today.metrics.nodes ||
        past.metrics.edges !== today.metrics.edges
      ) {
        throw new Error(`the replay disagrees with today: ${JSON.stringify(past.metrics)}`);
      }
      const at = (iso: string) => `${path}?at=${encodeURIComponent(iso)}`;
      const somePartner = (
        await json<{ items: { id: string }[] }>(`${api}/${ws.id}/partners?limit=1`, { token })
      ).items[0]!.id;
      // A real change (one partner.updated event) that leaves the ties as they are.
      const change = async () => {
        await json(`${api}/${ws.id}/partners/${somePartner}`, {
          method: 'PATCH',
          token,
          body: JSON.stringify({ description: `change ${counter++}` }),
        });
      };
      // A real tie change: an experiment gains a third partner, each time another experiment,
      // so every change makes a graph not seen before.
      let tieChanges = 0;
      const tieChange = async () => {
        const t = seeded.tieChanges[tieChanges++];
        if (!t) throw new Error('out of tie changes: seed more or run fewer rounds');
        await json(`${api}/${ws.id}/experiments/${t.experimentId}`, {
          method: 'PATCH',
          token,
          body: JSON.stringify({ partnerIds: t.partnerIds }),
        });
      };
      // Every moment asked once: the bench never repeats one (warm-up included).
      const minuteAgoPlus = () => new Date(now - 60_000 + counter++ * 10).toISOString();
      const yearAgoPlus = () => new Date(now - 365 * DAY + counter++ * 1000).toISOString();
      const n = size.partners;
      const line = (label: string, l: Omit<Line, 'label' | 'partners' | 'rounds'>) => {
        if (ONLY && !ONLY.test(label)) return;
        lines.push({
          label: `${n} partners: ${label}`,
          partners: n,
          rounds: [],
          cpuMs: 0,
          requests: 0,
          ...l,
        });
      };
      const isNetworkTarget = n === NETWORK_TARGET.partners ? NETWORK_TARGET.ms : undefined;
      const isSuggestionsTarget =
        n === SUGGESTIONS_TARGET.partners ? SUGGESTIONS_TARGET.ms : undefined;
      line('GET network, after a change', {
        url: () => path,
        before: change,
        target: isNetworkTarget,
      });
      line('GET network, after a tie change', { url: () => path, before: tieChange });
      line('GET network, unchanged (cached)', { url: () => path });
      line('GET network?at=<a minute ago>, new moment', { url: () => at(minuteAgoPlus()) });
      line('GET network?at=<a minute ago>, after a change', {
        url: () => at(minuteAgoPlus()),
        before: change,
      });
      line('GET network?at=<a year ago>, new moment', { url: () => at(yearAgoPlus()) });
      line('GET network?at=<a year ago>, same (cached)', { url: () => at(yearAgo) });
      line('GET suggestions, after a change', {
        url: () => `${path}/suggestions?limit=50`,
        before: change,
        target: isSuggestionsTarget,
      });
      line('GET suggestions, after a tie change', {
        url: () => `${path}/suggestions?limit=50`,
        before: tieChange,
      });
      line('GET suggestions, unchanged (cached)', { url: () => `${path}/suggestions?limit=50` });
    }

    const pid = server.process.pid!;
    const tick = 1000 / clockTicks();
    const once = async (l: Line, i: number) => {
      await l.before?.(i);
      const cpu0 = cpuTicks(pid) ?? 0;
      const start = performance.now();
      const res = await fetch(l.url(i), { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${l.url(i)} → ${res.status}`);
      const ms = performance.now() - start;
      l.cpuMs += ((cpuTicks(pid) ?? 0) - cpu0) * tick;
      l.requests++;
      return ms;
    };
    console.log(`start: ${env()}`);
    for (const l of lines) for (let i = 0; i < WARMUP; i++) await once(l, -1 - i);
    for (const l of lines) Object.assign(l, { cpuMs: 0, requests: 0 });
    for (let r = 0; r < ROUNDS; r++) {
      for (const l of lines) {
        // One unmeasured request first: the lines before this one changed the ties, so its first
        // request would be "after a tie change" (the betweenness recomputed), not what it says.
        const { cpuMs, requests } = l;
        await once(l, -1000 - r);
        Object.assign(l, { cpuMs, requests });
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await once(l, i));
        l.rounds.push(times.sort((x, y) => x - y));
      }
      console.log(`round ${r + 1} done: ${env()}`);
    }
    console.log(
      `\n${ROUNDS} interleaved rounds of ${RUNS} sequential requests per line (after ${WARMUP} warm-up ones)\n`,
    );
    console.log(
      '| line | p95 per round (ms) | median p95 | p50 all | p95 all | max | server CPU ms/request |\n' +
        '| --- | --- | --- | --- | --- | --- | --- |',
    );
    const missed: string[] = [];
    for (const l of lines) {
      const p95s = l.rounds.map((t) => quantile(t, 0.95));
      const all = l.rounds.flat().sort((x, y) => x - y);
      const mid = median(p95s);
      console.log(
        `| ${l.label} | ${p95s.map((x) => x.toFixed(0)).join(', ')} | ${mid.toFixed(0)} | ` +
          `${quantile(all, 0.5).toFixed(0)} | ${quantile(all, 0.95).toFixed(0)} | ${all.at(-1)!.toFixed(0)} | ` +
          `${(l.cpuMs / l.requests).toFixed(0)} |`,
      );
      if (l.target !== undefined && mid >= l.target)
        missed.push(`${l.label} (target ${l.target} ms)`);
    }
    console.log(`\nend: ${env()}`);
    console.log(missed.length ? `MISSED: ${missed.join('; ')}` : 'OK: the targets are met');
    if (missed.length) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await server?.stop();
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
