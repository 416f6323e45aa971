/**
 * `GET …/network` over HTTP on a large network: 500 partners and 3,000 edges (accepted
 * connections and two-partner experiments, some pairs both), with the event log such a network
 * leaves behind (partner.added with back-dated joinedAt, the four events of every connection,
 * experiment events and learnings). Seeds a scratch database with SQL, starts the BUILT server
 * (`node server/dist/main.js`) as a real process and prints the HTTP latency (p50/p95/max of 50
 * sequential requests) of today's view, of `?at=` (rebuilt from the log) and of the suggestions:
 * computed (right after a change, or at a moment not asked before) and cached (asked again with
 * nothing changed). The budget is 200 ms at p95 for every network line; exit code 1 above it.
 * The machine's load average is printed with the figures: they scale with it.
 *
 *   npx pnpm --filter @coalesce/shared build && npx pnpm --filter @coalesce/server build
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/network/network-http.bench.ts
 *
 * (TEST_DATABASE_URL works too; the default is the local PostgreSQL above.)
 */
import { ACTOR_TYPES, TIERS } from '@coalesce/shared';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServer } from '../../test/support/server.ts';

const PARTNERS = 500;
const EDGES = 3_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const BUDGET_MS = 200;
const DAY = 86_400_000;

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
const random = rng(42);
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

async function seed(db: pg.Client, workspaceId: string, userId: string, now: number) {
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
  // 300 experiments on connected pairs: edges carrying both kinds, no new edges.
  for (let i = 0; i < 300; i++) {
    const [a, b] = pick(connected);
    addExperiment(a, b, later(partners[a]!, partners[b]!) + DAY);
  }
  // Declined proposals: part of the log and of the suggestions' input, never edges.
  for (let i = 0; i < 300; i++) {
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
  await db.query('ANALYZE');
  return {
    events: events.length,
    connections: connections.length,
    experiments: experiments.length,
  };
}

interface Timing {
  label: string;
  times: number[];
}

/** `RUNS` sequential GETs after `WARMUP`; `before(i)` runs first each time (not timed). */
async function measure(
  label: string,
  url: (i: number) => string,
  token: string,
  before?: (i: number) => Promise<void>,
): Promise<number> {
  const once = async (i: number) => {
    await before?.(i);
    const start = performance.now();
    const res = await fetch(url(i), { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url(i)} → ${res.status}`);
    return performance.now() - start;
  };
  for (let i = 0; i < WARMUP; i++) await once(-1 - i);
  const timing: Timing = { label, times: [] };
  for (let i = 0; i < RUNS; i++) timing.times.push(await once(i));
  const times = timing.times.sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(RUNS - 1, Math.ceil(q * RUNS) - 1)]!;
  console.log(
    `${label.padEnd(52)} p50 ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
  return at(0.95);
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
    server = await startServer({ DATABASE_URL: url.toString(), LOG_LEVEL: 'info' });
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
    const ws = await json<{ id: string }>(`${server.url}/api/workspaces`, {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'Bench network' }),
    });
    const now = Date.now();
    const t0 = performance.now();
    const seeded = await seed(db, ws.id, auth.user.id, now);
    console.log(
      `seeded ${PARTNERS} partners, ${seeded.connections} connections, ${seeded.experiments} experiments, ` +
        `${seeded.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const path = `${server.url}/api/workspaces/${ws.id}/network`;
    const today = await json<{ metrics: { nodes: number; edges: number } }>(path, { token });
    console.log(`network today: ${today.metrics.nodes} nodes, ${today.metrics.edges} edges`);
    const minuteAgo = new Date(now - 60_000).toISOString();
    const yearAgo = new Date(now - 365 * DAY).toISOString();
    const past = await json<{ metrics: { nodes: number; edges: number } }>(
      `${path}?at=${encodeURIComponent(minuteAgo)}`,
      { token },
    );
    if (past.metrics.nodes !== today.metrics.nodes || past.metrics.edges !== today.metrics.edges) {
      throw new Error(`the replay disagrees with today: ${JSON.stringify(past.metrics)}`);
    }
    const at = (iso: string) => `${path}?at=${encodeURIComponent(iso)}`;
    // A real change before each request (a partner's description: one partner.updated event),
    // so every request recomputes from the database: the cost right after a change.
    const somePartner = (
      await json<{ items: { id: string }[] }>(
        `${server.url}/api/workspaces/${ws.id}/partners?limit=1`,
        { token },
      )
    ).items[0]!.id;
    const change = async (i: number) => {
      await json(`${server.url}/api/workspaces/${ws.id}/partners/${somePartner}`, {
        method: 'PATCH',
        token,
        body: JSON.stringify({ description: `change ${i}` }),
      });
    };
    const yearAgoPlus = (i: number) =>
      new Date(now - 365 * DAY + (i + WARMUP) * 1000).toISOString();
    const minuteAgoPlus = (i: number) => new Date(now - 60_000 + (i + WARMUP) * 10).toISOString();
    console.log(
      `${RUNS} sequential requests each (after ${WARMUP} warm-up ones); load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const p95s = [
      await measure('GET network, after a change (computed)', () => path, token, change),
      await measure(
        'GET network?at=<a minute ago>, each a new moment',
        (i) => at(minuteAgoPlus(i)),
        token,
      ),
      await measure(
        'GET network?at=<a minute ago>, after a change',
        (i) => at(minuteAgoPlus(i + RUNS)),
        token,
        change,
      ),
      await measure(
        'GET network?at=<a year ago>, each a new moment',
        (i) => at(yearAgoPlus(i)),
        token,
      ),
      await measure('GET network, unchanged (cached)', () => path, token),
      await measure(
        'GET network?at=<a minute ago>, same moment (cached)',
        () => at(minuteAgo),
        token,
      ),
      await measure('GET network?at=<a year ago>, same moment (cached)', () => at(yearAgo), token),
    ];
    await measure(
      'GET network/suggestions?limit=50, after a change',
      () => `${path}/suggestions?limit=50`,
      token,
      change,
    );
    await measure(
      'GET network/suggestions?limit=50, unchanged',
      () => `${path}/suggestions?limit=50`,
      token,
    );
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const worst = Math.max(...p95s);
    console.log(
      worst < BUDGET_MS
        ? `OK: every network p95 under ${BUDGET_MS} ms (worst ${worst.toFixed(1)} ms)`
        : `OVER BUDGET: a network p95 is ${worst.toFixed(1)} ms (budget ${BUDGET_MS} ms)`,
    );
    if (worst >= BUDGET_MS) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await server?.stop();
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
