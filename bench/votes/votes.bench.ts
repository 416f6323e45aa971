/**
 * Vote path under load, end to end over HTTP and socket.io, against the BUILT server.
 *
 *   npx pnpm --filter @coalesce/server build   # once, or after server changes
 *   npx tsx bench/votes/votes.bench.ts
 *
 * Spawns `server/dist/main.js` on a scratch database (created on TEST_DATABASE_URL's server, default
 * postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards; BENCH_EMBEDDED=1 uses the
 * embedded PostgreSQL instead), pinned to CPU 0 with taskset when available while this process
 * (the load) and a forked child holding the socket.io listeners move to CPU 1. PostgreSQL itself
 * is not pinned: it shares both cores with everything else on the machine.
 *
 * Seeds a workspace with VOTERS core partners, each with its own representative user, plus one
 * silent core partner so the weighted proposals (quorum 1) stay open, and connects LISTENERS
 * socket.io clients joined to the workspace. Then, each phase on PROPOSALS fresh proposals (so
 * every vote is a first vote and every phase starts from the same state):
 *
 *   1. open loop, once per rate in BENCH_RATES: votes are sent on a schedule (Poisson arrivals,
 *      or evenly spaced with BENCH_ARRIVALS=uniform) at that total rate for BENCH_OPEN_SECONDS,
 *      each by a random (voter, proposal) pair not used yet; latency is measured from the
 *      SCHEDULED send time to the response, so queueing (in the server or in this process)
 *      counts and nothing is hidden by coordinated omission. This is "latency at a load".
 *   2. closed loop (unless BENCH_CLOSED=0): BENCH_IN_FLIGHT voters (default VOTERS) each vote on
 *      every proposal of the phase in random order, one request at a time, all at once: the
 *      saturation throughput. Its latency is in-flight × service time (Little's law), not a
 *      property of the server alone.
 *
 * For every vote, the `proposal:tally` it caused is timed on each listener, from the (scheduled)
 * send and from the response: p50/p99 over (vote, listener) pairs, and p99 of the moment the
 * LAST of the listeners had it. Per phase it also prints the server's CPU per vote (utime+stime
 * of the server process from /proc), PostgreSQL's (the scratch database's backends), and this
 * side's CPU use (load + listeners), so a saturated load generator is visible. The load average
 * is printed at the start and the end: on a shared machine, read figures against it.
 *
 * Knobs (environment):
 *   BENCH_VOTERS=200        voters, each a distinct user representing a distinct core partner
 *   BENCH_PROPOSALS=20      proposals per phase
 *   BENCH_LISTENERS=100     socket.io listeners joined to the workspace
 *   BENCH_RATES=50,100,200  open-loop total arrival rates, votes/s ('' to skip the open loop)
 *   BENCH_OPEN_SECONDS=10   duration of each open-loop phase
 *   BENCH_ARRIVALS=poisson  or 'uniform'
 *   BENCH_ROUNDS=3          rounds of the open-loop phases, interleaved (every rate once per round),
 *                           so a burst of load on the shared machine shows as one bad round; each
 *                           round is a row, and a summary gives the median and range over rounds
 *   BENCH_CLOSED=1          0 skips the closed loop
 *   BENCH_IN_FLIGHT=VOTERS  closed-loop concurrency (≤ VOTERS)
 *   BENCH_EMBEDDED=1        embedded PostgreSQL (PGlite) instead of TEST_DATABASE_URL
 *   BENCH_SERVER_MAIN       another build of the server to measure (default server/dist/main.js;
 *                           e.g. server/dist-before/main.js built from an earlier commit)
 *   BENCH_TRACE_FILE        appends every open-loop vote (phase, rate, scheduled ms since the
 *                           epoch, latency ms) to this file, to see whether slow ones cluster
 *   BENCH_SERVER_NODE_ARGS  extra node flags for the server, e.g.
 *                           "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { clockTicks, cpuTicks, percentile } from '../collab/proc';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 200);
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20);
const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 100);
const RATES = (process.env.BENCH_RATES ?? '50,100,200')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNIFORM = process.env.BENCH_ARRIVALS === 'uniform';
const CLOSED = process.env.BENCH_CLOSED !== '0';
const IN_FLIGHT = Math.min(VOTERS, Number(process.env.BENCH_IN_FLIGHT ?? VOTERS));
const EMBEDDED = process.env.BENCH_EMBEDDED === '1';
const TRACE_FILE = process.env.BENCH_TRACE_FILE;
const SEED_CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 60_000;
const TALLY_WAIT_MS = 5_000;

const repoRoot = join(import.meta.dirname, '..', '..');
const serverMain = process.env.BENCH_SERVER_MAIN ?? join(repoRoot, 'server', 'dist', 'main.js');

interface Tally {
  yes: number;
  no: number;
  abstain: number;
}

/** Milliseconds on a clock shared with the listener process (epoch-based, sub-ms). */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the listener process ------------------------------------------------------------------

type ToListeners =
  | { type: 'connect'; base: string; wid: string; tokens: string[] }
  | { type: 'collect'; keys: string[]; count: number; waitMs: number };
type FromListeners =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'collected'; times: Record<string, number[]> };

/**
 * Forked with BENCH_ROLE=listeners: holds the socket.io clients, so their receive work does not
 * run on the event loop that sends the load on schedule. Each `proposal:tally` is keyed
 * `${proposalId}:${yes+no+abstain}` (votes in a phase are first votes, so that total identifies
 * the vote that caused it) and timed on the shared clock.
 */
async function listenerProcess(): Promise<void> {
  const send = (m: FromListeners) => process.send!(m);
  const received = new Map<string, number[]>();
  const sockets: Socket[] = [];
  process.on('disconnect', () => {
    sockets.forEach((s) => s.close());
    process.exit(0);
  });
  process.on('message', (m: ToListeners) => {
    if (m.type === 'connect') {
      pool(10, m.tokens.length, async (i) => {
        const socket = io(m.base, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { token: m.tokens[i]! },
        });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const ack = (await socket
          .timeout(10_000)
          .emitWithAck('workspace:join', { workspaceId: m.wid })) as { ok: boolean };
        if (!ack.ok) throw new Error('workspace:join refused');
        socket.on('proposal:tally', (d: { proposalId: string; tally: Tally }) => {
          const at = now();
          const key = `${d.proposalId}:${d.tally.yes + d.tally.no + d.tally.abstain}`;
          const list = received.get(key);
          if (list) list.push(at);
          else received.set(key, [at]);
        });
      }).then(
        () => send({ type: 'ready' }),
        (err: unknown) => send({ type: 'error', message: String(err) }),
      );
    } else {
      void (async () => {
        const until = now() + m.waitMs;
        while (now() < until && m.keys.some((k) => (received.get(k)?.length ?? 0) < m.count)) {
          await sleep(20);
        }
        const times: Record<string, number[]> = {};
        for (const k of m.keys) {
          times[k] = received.get(k) ?? [];
          received.delete(k);
        }
        send({ type: 'collected', times });
      })();
    }
  });
}

function startListeners() {
  const child = fork(import.meta.filename, [], {
    env: { ...process.env, BENCH_ROLE: 'listeners' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromListeners>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`listener process exited (${code})`)));
    });
  return {
    pid: child.pid!,
    async connect(base: string, wid: string, tokens: string[]) {
      const reply = next();
      child.send({ type: 'connect', base, wid, tokens } satisfies ToListeners);
      const m = await reply;
      if (m.type !== 'ready')
        throw new Error(`listeners: ${m.type === 'error' ? m.message : m.type}`);
    },
    async collect(keys: string[], count: number): Promise<Record<string, number[]>> {
      const reply = next();
      child.send({ type: 'collect', keys, count, waitMs: TALLY_WAIT_MS } satisfies ToListeners);
      const m = await reply;
      if (m.type !== 'collected') throw new Error(`listeners: unexpected ${m.type}`);
      return m.times;
    },
    stop() {
      if (child.connected) child.disconnect();
    },
  };
}

// ---- plumbing ------------------------------------------------------------------------------

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

/**
 * What a wake-up and a commit round trip cost a process on CPU 0 right now: this machine's
 * speed varies by a factor of two within an hour (neighbours), and every figure here with it.
 */
function machineSpeed(pin: boolean): { idle: string; roundTrip: string } {
  const probe = join(repoRoot, 'bench', 'collab', 'probe', 'roundtrip-probe.mjs');
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const args = [probe, base, '50', '2'];
  try {
    const out = execFileSync(
      pin ? 'taskset' : process.execPath,
      pin ? ['-c', '0', process.execPath, ...args] : args,
      { cwd: join(repoRoot, 'bench'), timeout: 60_000 },
    );
    const r = JSON.parse(out.toString()) as { idleUs: number; roundTripUs: number };
    return { idle: r.idleUs.toFixed(0), roundTrip: r.roundTripUs.toFixed(0) };
  } catch {
    return { idle: 'n/a', roundTrip: 'n/a' };
  }
}

async function scratchDatabase(): Promise<{
  env: Record<string, string>;
  name?: string;
  drop: () => Promise<void>;
}> {
  if (EMBEDDED) {
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
    name,
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
      // Seeding opens hundreds of invitations and proposals in a minute.
      RATE_LIMIT_CREATES_PER_MINUTE: '1000000',
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
    await sleep(100);
  }
  return {
    base,
    // taskset execs node, so this is the server's own pid either way.
    pid: child.pid!,
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
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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

/** CPU ticks of the scratch database's backends (PostgreSQL forks one per connection). */
function postgresTicks(dbName: string | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (!dbName) return out;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${dbName} `)) continue;
      const t = cpuTicks(Number(entry));
      if (t !== undefined) out.set(Number(entry), t);
    } catch {
      /* gone */
    }
  }
  return out;
}

// ---- measuring -----------------------------------------------------------------------------

interface Voter {
  token: string;
  partnerId: string;
}

/** One vote: `due` is when it was meant to be sent (= when it was sent, in the closed loop). */
interface Sample {
  key: string;
  due: number;
  end: number;
}

interface PhaseResult {
  name: string;
  offered: string;
  votes: number;
  failed: number;
  seconds: number;
  latency: number[];
  meanInFlight: number;
  tallyEach: number[];
  tallyAll: number[];
  tallyAllAfterResponse: number[];
  incomplete: number;
  serverMsPerVote: number;
  pgMsPerVote: number;
  benchCpuPct: number;
}

async function main(): Promise<void> {
  if (!existsSync(serverMain)) {
    throw new Error(`${serverMain} missing: run "npx pnpm --filter @coalesce/server build" first`);
  }
  const load0 = loadavg();
  const pin = hasTaskset();
  const speed0 = machineSpeed(pin);
  if (pin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const db = await scratchDatabase();
  const server = await startServer(db.env, pin);
  const listeners = startListeners();
  const tick = 1000 / clockTicks();
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
    const voters: Voter[] = await pool(SEED_CONCURRENCY, VOTERS, async (i) => {
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
        { role: 'member', partnerId: partner.id },
      );
      await call(base, 'POST', `/invitations/${inv.token}/accept`, user.accessToken);
      return { token: user.accessToken, partnerId: partner.id };
    });
    let candidates = 0;
    const openProposals = (count: number) =>
      pool(4, count, async () => {
        const i = candidates++;
        return (
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
        ).id;
      });
    await listeners.connect(
      base,
      wid,
      Array.from({ length: LISTENERS }, (_, i) => voters[i % voters.length]!.token),
    );
    const seedSeconds = (performance.now() - t0) / 1000;

    const choices = ['yes', 'no', 'abstain'] as const;
    let failed = 0;
    const vote = async (v: Voter, pid: string, due: number, out: Sample[]) => {
      try {
        const res = await call<{ tally: Tally }>(
          base,
          'POST',
          `/workspaces/${wid}/proposals/${pid}/votes`,
          v.token,
          { choice: choices[Math.floor(Math.random() * 3)] },
        );
        out.push({
          key: `${pid}:${res.tally.yes + res.tally.no + res.tally.abstain}`,
          due,
          end: now(),
        });
      } catch (err) {
        failed++;
        if (failed <= 3) console.error(String(err));
      }
    };

    /** Runs a phase on fresh proposals and measures it (tallies included). */
    const phase = async (
      name: string,
      offered: string,
      run: (proposals: string[], out: Sample[]) => Promise<void>,
    ): Promise<PhaseResult> => {
      const proposals = await openProposals(PROPOSALS);
      await sleep(300);
      const out: Sample[] = [];
      const failedBefore = failed;
      const server0 = cpuTicks(server.pid) ?? 0;
      const pg0 = postgresTicks(db.name);
      const bench0 = process.cpuUsage();
      const listeners0 = cpuTicks(listeners.pid) ?? 0;
      const start = now();
      await run(proposals, out);
      const end = now();
      const server1 = cpuTicks(server.pid) ?? 0;
      const pg1 = postgresTicks(db.name);
      const bench1 = process.cpuUsage(bench0);
      const listeners1 = cpuTicks(listeners.pid) ?? 0;
      let pgTicks = 0;
      for (const [pid, t] of pg1) pgTicks += t - (pg0.get(pid) ?? 0);
      const seconds = (end - start) / 1000;

      const times = await listeners.collect(
        out.map((s) => s.key),
        LISTENERS,
      );
      const tallyEach: number[] = [];
      const tallyAll: number[] = [];
      const tallyAllAfterResponse: number[] = [];
      let incomplete = 0;
      for (const s of out) {
        const t = times[s.key] ?? [];
        for (const at of t) tallyEach.push(at - s.due);
        if (t.length < LISTENERS) {
          incomplete++;
          continue;
        }
        const last = Math.max(...t);
        tallyAll.push(last - s.due);
        tallyAllAfterResponse.push(Math.max(0, last - s.end));
      }
      const latency = out.map((s) => s.end - s.due);
      if (TRACE_FILE) {
        appendFileSync(
          TRACE_FILE,
          out
            .map((s) => `${name}\t${offered}\t${s.due.toFixed(1)}\t${(s.end - s.due).toFixed(2)}\n`)
            .join(''),
        );
      }
      const sort = (a: number[]) => a.sort((x, y) => x - y);
      const wallMs = end - start;
      return {
        name,
        offered,
        votes: out.length,
        failed: failed - failedBefore,
        seconds,
        meanInFlight: latency.reduce((a, b) => a + b, 0) / wallMs,
        latency: sort(latency),
        tallyEach: sort(tallyEach),
        tallyAll: sort(tallyAll),
        tallyAllAfterResponse: sort(tallyAllAfterResponse),
        incomplete,
        serverMsPerVote: ((server1 - server0) * tick) / Math.max(1, out.length),
        pgMsPerVote: db.name ? (pgTicks * tick) / Math.max(1, out.length) : NaN,
        benchCpuPct:
          (100 * ((bench1.user + bench1.system) / 1000 + (listeners1 - listeners0) * tick)) /
          wallMs,
      };
    };

    /** Every voter votes on every proposal, `concurrency` voters at a time, one request each. */
    const closedLoop = (concurrency: number) => async (proposals: string[], out: Sample[]) => {
      await pool(concurrency, voters.length, async (i) => {
        for (const pid of shuffle(proposals)) await vote(voters[i]!, pid, now(), out);
      });
    };

    /** `rate` votes/s for `seconds`, on schedule, by distinct (voter, proposal) pairs. */
    const openLoop = (rate: number) => async (proposals: string[], out: Sample[]) => {
      const pairs = shuffle(proposals.flatMap((pid) => voters.map((v) => ({ v, pid }))));
      const n = Math.min(pairs.length, Math.round(rate * OPEN_SECONDS));
      if (n < rate * OPEN_SECONDS) {
        console.error(`(rate ${rate}/s: only ${n} distinct votes available, the phase is shorter)`);
      }
      const start = now() + 20;
      let at = 0;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const due = start + at;
        at += (UNIFORM ? 1 : -Math.log(1 - Math.random())) * (1000 / rate);
        const wait = due - now();
        if (wait >= 1) await sleep(wait);
        pending.push(vote(pairs[i]!.v, pairs[i]!.pid, due, out));
      }
      await Promise.all(pending);
    };

    // Warm-up (JIT, pools): every voter votes once, 20 at a time; not reported.
    await phase('warm-up', '', async (proposals, out) => {
      await pool(20, voters.length, (i) =>
        vote(voters[i]!, proposals[i % proposals.length]!, now(), out),
      );
    });

    const results: PhaseResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const rate of RATES) {
        results.push(
          await phase(
            `open loop, ${UNIFORM ? 'uniform' : 'Poisson'}, round ${round}`,
            `${rate}/s`,
            openLoop(rate),
          ),
        );
        console.error(
          `(round ${round}, ${rate}/s done; load average ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')})`,
        );
      }
    }
    if (CLOSED) {
      results.push(await phase('closed loop', `${IN_FLIGHT} in flight`, closedLoop(IN_FLIGHT)));
    }
    const load1 = loadavg();
    const speed1 = machineSpeed(pin);

    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : 'n/a');
    const p = (a: number[], q: number) => f(percentile(a, q));
    console.log(
      `\n## votes bench\n\n${VOTERS} voters (distinct users and partners), ${PROPOSALS} fresh proposals per ` +
        `phase, ${LISTENERS} socket.io listeners; server ${pin ? 'pinned to CPU 0, load and listeners on CPU 1' : 'unpinned'}; ` +
        `db ${EMBEDDED ? 'embedded PGlite (in the server process)' : 'PostgreSQL (unpinned)'}; seeding ${seedSeconds.toFixed(1)} s.\n` +
        `Load average (1/5/15 min): start ${load0.map((l) => l.toFixed(2)).join(' ')}, ` +
        `end ${load1.map((l) => l.toFixed(2)).join(' ')}; ${cpus().length} cores, node ${process.version}.\n` +
        `Machine speed (bench/collab/probe/roundtrip-probe.mjs on CPU 0, 50 ticks/s): a timer wake-up ` +
        `${speed0.idle} µs, one PostgreSQL commit round trip ${speed0.roundTrip} µs at the start; ` +
        `${speed1.idle} and ${speed1.roundTrip} µs at the end.\n`,
    );
    console.log(
      '| phase | offered | votes (failed) | votes/s | mean in flight | vote p50 ms | vote p99 ms | vote max ms ' +
        '| tally p50 ms | tally p99 ms | tally on all p99 ms | all after response p99 ms ' +
        '| server CPU ms/vote | PG CPU ms/vote | bench CPU % |',
    );
    console.log('|' + ' --- |'.repeat(15));
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.offered} | ${r.votes} (${r.failed}) | ${(r.votes / r.seconds).toFixed(0)} ` +
          `| ${f(r.meanInFlight)} | ${p(r.latency, 50)} | ${p(r.latency, 99)} | ${f(r.latency.at(-1) ?? NaN)} ` +
          `| ${p(r.tallyEach, 50)} | ${p(r.tallyEach, 99)} | ${p(r.tallyAll, 99)} | ${p(r.tallyAllAfterResponse, 99)} ` +
          `| ${f(r.serverMsPerVote)} | ${f(r.pgMsPerVote)} | ${r.benchCpuPct.toFixed(0)} |`,
      );
    }
    console.log(
      '\nLatencies are from the scheduled send (open loop) or the send (closed loop) to the response. ' +
        '"tally" is each (vote, listener) pair\'s `proposal:tally`, from the same start; "on all" is when ' +
        `the last of the ${LISTENERS} listeners had it; "after response" is that moment minus the ` +
        'response (0 when the tally came first). CPU ms/vote is utime+stime over the phase ÷ votes; ' +
        'bench CPU is this process and the listener process, % of one core.',
    );
    console.log(
      `\nOver the ${ROUNDS} rounds (median [min–max] of the rounds' figures):\n\n` +
        '| offered | vote p50 ms | vote p99 ms | tally on all p99 ms | server CPU ms/vote |\n| --- | --- | --- | --- | --- |',
    );
    const mid = (xs: number[]) => {
      const a = [...xs].sort((x, y) => x - y);
      return `${f((a[Math.floor((a.length - 1) / 2)]! + a[Math.ceil((a.length - 1) / 2)]!) / 2)} [${f(a[0]!)}–${f(a.at(-1)!)}]`;
    };
    for (const rate of RATES) {
      const rs = results.filter((r) => r.offered === `${rate}/s`);
      console.log(
        `| ${rate}/s | ${mid(rs.map((r) => percentile(r.latency, 50)))} | ${mid(rs.map((r) => percentile(r.latency, 99)))} ` +
          `| ${mid(rs.map((r) => percentile(r.tallyAll, 99)))} | ${mid(rs.map((r) => r.serverMsPerVote))} |`,
      );
    }
    for (const r of results.filter((x) => x.incomplete)) {
      console.log(
        `(${r.name} ${r.offered}: ${r.incomplete} votes' tallies did not reach every listener within ${TALLY_WAIT_MS / 1000} s)`,
      );
    }
  } finally {
    listeners.stop();
    await server.stop();
    await db.drop();
  }
}

if (process.env.BENCH_ROLE === 'listeners') {
  void listenerProcess();
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
