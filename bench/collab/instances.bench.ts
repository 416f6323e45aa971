/**
 * Fan-out across instances: one writer on instance A and 50 readers on instance B (every update
 * relayed through Redis), next to the same clients all on A. Prints the delivery latency (p50,
 * p99, from the writer's change to each reader's copy) and the server CPU per delivered update
 * of each instance.
 *
 *   npx tsx bench/collab/instances.bench.ts [--updates 300] [--readers 50] [--rounds 3]
 *
 * Needs a built server, BENCH_DATABASE_URL (or TEST_DATABASE_URL) and BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; a key prefix of its own, so it never meets other users of that Redis).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { clockTicks, cpuTicks, machine, median, percentile } from './proc.ts';
import { repoRoot } from './targets.ts';

const arg = (flag: string, def: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const UPDATES = arg('--updates', 300);
const READERS = arg('--readers', 50);
const ROUNDS = arg('--rounds', 3);
const baseDb = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Server {
  url: string;
  port: number;
  child: ChildProcess;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [join(repoRoot, 'server', 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /"url":"(http:\/\/[^"]+)","msg":"Coalesce is listening"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return { url, port: Number(new URL(url).port), child };
}

function client(server: Server, docId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token },
  });
  const synced = new Promise<void>((resolve) =>
    provider.once('sync', (s: boolean) => s && resolve()),
  );
  return { doc, provider, synced };
}

async function api<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Figures {
  p50: number;
  p99: number;
  cpuA: number;
  cpuB: number;
}

/** Writer on `writerOn`, readers on `readersOn`; one update at a time, all readers awaited. */
async function run(
  writerOn: Server,
  readersOn: Server,
  docId: string,
  token: string,
  A: Server,
  B: Server,
): Promise<Figures> {
  const writer = client(writerOn, docId, token);
  const readers = Array.from({ length: READERS }, () => client(readersOn, docId, token));
  await Promise.all([writer.synced, ...readers.map((r) => r.synced)]);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let pending = 0;
  let done: (() => void) | undefined;
  for (const r of readers) {
    const m = r.doc.getMap<number>('bench');
    m.observe(() => {
      const i = m.get('i');
      const t = i === undefined ? undefined : sentAt.get(i);
      if (t === undefined) return;
      latencies.push(performance.now() - t);
      if (--pending === 0) done?.();
    });
  }
  const wm = writer.doc.getMap<number>('bench');
  // Warm-up (not measured): the relay path and the JIT.
  const measure = async (i: number) => {
    pending = READERS;
    const all = new Promise<void>((resolve) => (done = resolve));
    sentAt.set(i, performance.now());
    wm.set('i', i);
    await all;
  };
  for (let i = 0; i < 20; i++) await measure(-1 - i);
  latencies.length = 0;
  const a0 = cpuTicks(A.child.pid!) ?? 0;
  const b0 = cpuTicks(B.child.pid!) ?? 0;
  for (let i = 0; i < UPDATES; i++) await measure(i);
  const ticksMs = 1000 / clockTicks();
  const cpuA = ((cpuTicks(A.child.pid!) ?? 0) - a0) * ticksMs;
  const cpuB = ((cpuTicks(B.child.pid!) ?? 0) - b0) * ticksMs;
  // The docs too: each one's awareness keeps an interval running, and the process alive.
  for (const c of [writer, ...readers]) {
    c.provider.destroy();
    c.doc.destroy();
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  const delivered = UPDATES * READERS;
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuA: cpuA / delivered,
    cpuB: cpuB / delivered,
  };
}

async function main(): Promise<void> {
  if (!baseDb) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  const loadAvg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`environment: ${machine()}; load average ${loadAvg}`);
  if (!existsSync(join(repoRoot, 'server', 'dist', 'main.js'))) {
    throw new Error('build the server first: npx pnpm --filter @coalesce/server build');
  }
  const dbName = `coalesce_bench_instances_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseDb });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(baseDb);
  dbUrl.pathname = `/${dbName}`;
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `coalesce-bench-${randomBytes(3).toString('hex')}:`,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_MINUTES: '600',
  };
  const servers: Server[] = [];
  try {
    const A = await startServer(env);
    servers.push(A);
    const B = await startServer(env);
    servers.push(B);
    const user = await api<{ accessToken: string }>(A.url, '/auth/register', {
      email: `bench-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery',
      displayName: 'Bench',
      locale: 'en',
    });
    const token = user.accessToken;
    const newDoc = async () =>
      (
        await api<{ visionDocumentId: string }>(
          A.url,
          '/workspaces',
          { name: `Bench ${randomBytes(2).toString('hex')}` },
          token,
        )
      ).visionDocumentId;
    // Rounds alternate the two placements (and which goes first), so that a noisy neighbour on
    // a shared machine lands on both; each figure is the median, every round is printed.
    const singles: Figures[] = [];
    const crosses: Figures[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      console.log(`round ${round}/${ROUNDS}, load average ${load}`);
      const order = round % 2 ? ['single', 'cross'] : ['cross', 'single'];
      for (const which of order) {
        if (which === 'single') singles.push(await run(A, A, await newDoc(), token, A, B));
        else crosses.push(await run(A, B, await newDoc(), token, A, B));
      }
    }
    const med = (rs: Figures[]): Figures => ({
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpuA: median(rs.map((r) => r.cpuA)),
      cpuB: median(rs.map((r) => r.cpuB)),
    });
    const single = med(singles);
    const cross = med(crosses);
    const f = (n: number) => n.toFixed(2);
    console.log(`\n${machine()}; load average at start ${loadAvg}; ${ROUNDS} rounds, medians`);
    console.log(`\nFan-out, 1 writer + ${READERS} readers, ${UPDATES} updates (one at a time)\n`);
    console.log(
      '| placement                 | p50 ms | p99 ms | CPU ms/delivered A | CPU ms/delivered B |',
    );
    console.log(
      '| ------------------------- | -----: | -----: | -----------------: | -----------------: |',
    );
    const row = (label: string, r: Figures) =>
      console.log(
        `| ${label.padEnd(25)} | ${f(r.p50).padStart(6)} | ${f(r.p99).padStart(6)} | ${f(r.cpuA).padStart(18)} | ${f(r.cpuB).padStart(18)} |`,
      );
    row('all on A', single);
    row('writer on A, readers on B', cross);
    console.log(
      `\ncross-instance p99 / single-instance p99 = ${(cross.p99 / single.p99).toFixed(2)} (goal: < 2)`,
    );
    console.log(
      `p99 per round: all on A ${singles.map((r) => f(r.p99)).join(', ')}; ` +
        `across ${crosses.map((r) => f(r.p99)).join(', ')}`,
    );
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(
      servers.map(
        (s) => new Promise((r) => (s.child.exitCode !== null ? r(0) : s.child.once('exit', r))),
      ),
    );
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
