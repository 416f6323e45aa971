/**
 * Vote path under load, end to end over HTTP and socket.io, against the BUILT server.
 *
 *   npx pnpm --filter @coalesce/server build   # once, or after server changes
 *   npx tsx bench/votes/votes.bench.ts
 *
 * Spawns `server/dist/main.js` on a scratch database (created on TEST_DATABASE_URL's server, default
 * postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards; BENCH_EMBEDDED=1 uses the
 * embedded PostgreSQL instead), pinned to CPU 0 with taskset when available while this process
 * (the load and the listeners) moves to CPU 1. Seeds a workspace with VOTERS core partners, each
 * with a representative user, plus one silent core partner so the weighted proposals (quorum 1)
 * stay open; opens PROPOSALS proposals; connects LISTENERS socket.io clients joined to the
 * workspace; then every voter votes on every proposal in random order, all voters at once
 * (VOTERS requests in flight). Prints vote latency, votes/s and the proposal:tally delivery time.
 * Knobs: BENCH_VOTERS, BENCH_PROPOSALS, BENCH_LISTENERS.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 200);
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20);
const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 100);
const SEED_CONCURRENCY = 8;

const repoRoot = join(import.meta.dirname, '..', '..');
const serverMain = join(repoRoot, 'server', 'dist', 'main.js');

interface Tally {
  yes: number;
  no: number;
  abstain: number;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function scratchDatabase(): Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  if (process.env.BENCH_EMBEDDED === '1') {
    const dir = mkdtempSync(join(tmpdir(), 'coalesce-bench-'));
    return {
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `coalesce_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startServer(env: Record<string, string>, pin: boolean) {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = pin
    ? ['-c', '0', process.execPath, ...nodeArgs, serverMain]
    : [...nodeArgs, serverMain];
  const child: ChildProcess = spawn(pin ? 'taskset' : process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
      ACCESS_TOKEN_TTL_MINUTES: '240',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${stderr}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`server did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function pool<T>(n: number, count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  if (!existsSync(serverMain)) {
    throw new Error(`${serverMain} missing: run "npx pnpm --filter @coalesce/server build" first`);
  }
  const pin = hasTaskset();
  if (pin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const db = await scratchDatabase();
  const server = await startServer(db.env, pin);
  const sockets: Socket[] = [];
  try {
    const { base } = server;
    const t0 = performance.now();
    const password = 'correct horse battery';
    const register = (i: number) =>
      call<{ user: { id: string }; accessToken: string }>(
        base,
        'POST',
        '/auth/register',
        undefined,
        {
          email: `bench-${i}-${randomBytes(3).toString('hex')}@example.test`,
          password,
          displayName: `Voter ${i}`,
        },
      );
    const coord = await register(-1);
    const ws = await call<{ id: string }>(base, 'POST', '/workspaces', coord.accessToken, {
      name: 'Bench network',
    });
    const wid = ws.id;
    await call(base, 'PUT', `/workspaces/${wid}/decision-policies/core`, coord.accessToken, {
      rule: 'weighted',
      quorum: 1,
      supportThreshold: 0.5,
      votingHours: 24 * 30,
    });
    // The silent partner: nobody represents it, so quorum 1 is never met and nothing closes.
    await call(base, 'POST', `/workspaces/${wid}/partners`, coord.accessToken, {
      kind: 'organisation',
      name: 'Silent partner',
      actorType: 'other',
      tier: 'core',
    });
    const voters = await pool(SEED_CONCURRENCY, VOTERS, async (i) => {
      const partner = await call<{ id: string }>(
        base,
        'POST',
        `/workspaces/${wid}/partners`,
        coord.accessToken,
        {
          kind: i % 5 ? 'organisation' : 'individual',
          name: `Partner ${i}`,
          actorType: 'education',
          tier: 'core',
        },
      );
      const user = await register(i);
      const inv = await call<{ token: string }>(
        base,
        'POST',
        `/workspaces/${wid}/invitations`,
        coord.accessToken,
        {
          role: 'member',
          partnerId: partner.id,
        },
      );
      await call(base, 'POST', `/invitations/${inv.token}/accept`, user.accessToken);
      return { token: user.accessToken, partnerId: partner.id };
    });
    const proposals = await pool(
      4,
      PROPOSALS,
      async (i) =>
        (
          await call<{ id: string }>(
            base,
            'POST',
            `/workspaces/${wid}/proposals`,
            coord.accessToken,
            {
              candidate: {
                kind: 'organisation',
                name: `Candidate ${i}`,
                actorType: 'arts_culture',
              },
              tier: 'core',
              rationale: 'Benchmark',
            },
          )
        ).id,
    );
    const seedSeconds = (performance.now() - t0) / 1000;

    // Listeners: the tally for proposal P after its k-th vote is keyed `${P}:${k}` (each voter
    // votes once per proposal, so yes+no+abstain grows by one per vote).
    const received = new Map<string, number[]>();
    await pool(10, LISTENERS, async (i) => {
      const socket = io(base, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: voters[i % voters.length]!.token },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck('workspace:join', { workspaceId: wid })) as {
        ok: boolean;
      };
      if (!ack.ok) throw new Error('join failed');
      socket.on('proposal:tally', (d: { proposalId: string; tally: Tally }) => {
        const at = performance.now();
        const key = `${d.proposalId}:${d.tally.yes + d.tally.no + d.tally.abstain}`;
        const list = received.get(key);
        if (list) list.push(at);
        else received.set(key, [at]);
      });
    });

    // Warm-up: a few reads so JIT and pools are warm.
    await pool(20, 100, () =>
      call(base, 'GET', `/workspaces/${wid}/proposals/${proposals[0]}`, coord.accessToken),
    );

    const choices = ['yes', 'no', 'abstain'] as const;
    const latencies: number[] = [];
    const sent: { key: string; start: number; end: number }[] = [];
    let failures = 0;
    const start = performance.now();
    await Promise.all(
      voters.map(async (v) => {
        for (const pid of shuffle(proposals)) {
          const body = { choice: choices[Math.floor(Math.random() * 3)] };
          const s = performance.now();
          try {
            const res = await call<{ tally: Tally }>(
              base,
              'POST',
              `/workspaces/${wid}/proposals/${pid}/votes`,
              v.token,
              body,
            );
            const e = performance.now();
            latencies.push(e - s);
            sent.push({
              key: `${pid}:${res.tally.yes + res.tally.no + res.tally.abstain}`,
              start: s,
              end: e,
            });
          } catch (err) {
            failures++;
            if (failures <= 3) console.error(String(err));
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    // Let the last tallies arrive.
    const waitUntil = performance.now() + 5000;
    while (
      performance.now() < waitUntil &&
      sent.some((s) => (received.get(s.key)?.length ?? 0) < LISTENERS)
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }

    const afterResponse: number[] = [];
    const afterRequest: number[] = [];
    let incomplete = 0;
    for (const s of sent) {
      const times = received.get(s.key) ?? [];
      if (times.length < LISTENERS) {
        incomplete++;
        continue;
      }
      const last = Math.max(...times);
      afterResponse.push(Math.max(0, last - s.end));
      afterRequest.push(last - s.start);
    }
    latencies.sort((a, b) => a - b);
    afterResponse.sort((a, b) => a - b);
    afterRequest.sort((a, b) => a - b);
    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '     n/a');
    console.log(
      `\nvotes bench: ${VOTERS} voters × ${PROPOSALS} proposals = ${sent.length} votes ` +
        `(${failures} failed), ${VOTERS} in flight, ${LISTENERS} socket.io listeners; ` +
        `server ${pin ? 'pinned to CPU 0, load on CPU 1' : 'unpinned'}; ` +
        `db ${process.env.BENCH_EMBEDDED === '1' ? 'embedded PGlite' : 'PostgreSQL'}; seeding ${seedSeconds.toFixed(1)} s`,
    );
    console.log('metric                                   p50 ms   p99 ms   max ms');
    console.log(
      `vote HTTP latency                      ${f(pct(latencies, 0.5))} ${f(pct(latencies, 0.99))} ${f(latencies.at(-1) ?? NaN)}`,
    );
    console.log(
      `tally on all listeners, after response ${f(pct(afterResponse, 0.5))} ${f(pct(afterResponse, 0.99))} ${f(afterResponse.at(-1) ?? NaN)}`,
    );
    console.log(
      `tally on all listeners, after request  ${f(pct(afterRequest, 0.5))} ${f(pct(afterRequest, 0.99))} ${f(afterRequest.at(-1) ?? NaN)}`,
    );
    console.log(
      `throughput: ${(sent.length / seconds).toFixed(0)} votes/s over ${seconds.toFixed(1)} s`,
    );
    if (incomplete)
      console.log(`(${incomplete} votes' tallies did not reach every listener within 5 s)`);
  } finally {
    sockets.forEach((s) => s.close());
    await server.stop();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
