/**
 * Issue 7: our durable collaboration server against `@y/websocket-server` 0.1.1 and
 * `@hocuspocus/server` 4.x (both in memory), side by side on this machine. Each server is a child
 * process pinned to core 0 (`taskset -c 0`); this load generator pins itself to core 1.
 *
 * Run from the repo root (after `npx pnpm --filter @coalesce/server build`):
 *
 *   npx tsx bench/collab/collab.bench.ts            # default sizes, a few minutes
 *   npx tsx bench/collab/collab.bench.ts --quick    # smoke run, well under a minute
 *
 * Sizes (flag or env): --seconds BENCH_SECONDS (20), --warmup BENCH_WARMUP_SECONDS (5: the
 * same fan-out traffic before the measured one, for every server), --rate BENCH_RATE (50 updates/s),
 * --readers BENCH_READERS (50), --conv-clients BENCH_CONV_CLIENTS (20), --conv-updates
 * BENCH_CONV_UPDATES (500), --cold-updates BENCH_COLD_UPDATES (10000), --cold-runs
 * BENCH_COLD_RUNS (5), --rounds BENCH_ROUNDS (3: the servers interleaved, each figure the
 * median, every round's printed, so that a noisy round on a shared machine shows itself), --servers BENCH_SERVERS (ours,ywebsocket,hocuspocus; also
 * `baseline`: another build of our server, BENCH_BASELINE_MAIN, default server/dist-before/main.js,
 * e.g. the previous commit built with `tsc -p tsconfig.build.json --outDir dist-before`), --phases
 * BENCH_PHASES (commit,fanout,convergence,load), --out
 * BENCH_OUT (bench/collab/results.md; `-` for none). Database: BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (a scratch database is
 * created and dropped). Diagnostics: BENCH_OURS_NODE_ARGS / BENCH_PEER_NODE_ARGS add node flags
 * to the server processes (e.g. `--cpu-prof`, or `-r ./bench/collab/probe/pg-probe.cjs`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import {
  clockTicks,
  cpuTimes,
  machine,
  median,
  percentile,
  statusBytes,
  threadTicks,
} from './proc';
import {
  type BenchClient,
  HocuspocusTarget,
  OursTarget,
  type Target,
  YWebsocketServerTarget,
  repoRoot,
  taskset,
} from './targets';

// ---------------------------------------------------------------------------------- settings

function setting(flag: string, env: string, def: string, quick?: string): string {
  const prefix = `--${flag}=`;
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${flag}` || a.startsWith(prefix));
  if (i >= 0) return argv[i]!.startsWith(prefix) ? argv[i]!.slice(prefix.length) : argv[i + 1]!;
  if (process.env[env]) return process.env[env]!;
  return QUICK && quick !== undefined ? quick : def;
}
const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const int = (flag: string, env: string, def: number, quick: number) => {
  const v = Number(setting(flag, env, String(def), String(quick)));
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${flag} must be a positive integer`);
  return v;
};

const cfg = {
  seconds: int('seconds', 'BENCH_SECONDS', 20, 3),
  warmup: int('warmup', 'BENCH_WARMUP_SECONDS', 5, 1),
  rate: int('rate', 'BENCH_RATE', 50, 50),
  readers: int('readers', 'BENCH_READERS', 50, 10),
  convClients: int('conv-clients', 'BENCH_CONV_CLIENTS', 20, 5),
  convUpdates: int('conv-updates', 'BENCH_CONV_UPDATES', 500, 100),
  coldUpdates: int('cold-updates', 'BENCH_COLD_UPDATES', 10_000, 1_000),
  coldRuns: int('cold-runs', 'BENCH_COLD_RUNS', 5, 2),
  rounds: int('rounds', 'BENCH_ROUNDS', 3, 1),
  phases: setting('phases', 'BENCH_PHASES', 'commit,fanout,convergence,load')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  servers: setting('servers', 'BENCH_SERVERS', 'ours,ywebsocket,hocuspocus')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  out: setting('out', 'BENCH_OUT', join(repoRoot, 'bench', 'collab', 'results.md')),
  db:
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres',
  timeoutS: int('timeout', 'BENCH_TIMEOUT_S', 1_200, 300),
};
const SERVER_CORE = '0';
const CLIENT_CORE = '1';

const log = (msg: string) =>
  console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${msg}`);

// ---------------------------------------------------------------------------------- helpers

/** Resolves once `pred()` holds, re-checked on every update of `doc`; rejects after `ms`. */
function until(doc: Y.Doc, pred: () => boolean, ms: number, what: string): Promise<void> {
  if (pred()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onUpdate = () => {
      if (!pred()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    doc.on('update', onUpdate);
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function connectAll(t: Target, doc: string, n: number): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  try {
    for (let i = 0; i < n; i++) clients.push(t.connect(doc));
    await withTimeout(Promise.all(clients.map((c) => c.synced)), 30_000, `${n} clients to sync`);
    return clients;
  } catch (err) {
    clients.forEach((c) => c.destroy());
    throw err;
  }
}

async function helperTicks(t: Target): Promise<Map<number, number>> {
  return t.helperTicks ? t.helperTicks() : new Map();
}

// ---------------------------------------------------------------------------------- phases

interface Result {
  p50?: number;
  p99?: number;
  max?: number;
  delivered?: number;
  expected?: number;
  cpuPer1k?: number;
  /** Kernel share of the server's CPU time in the fan-out. */
  sysShare?: number;
  /** The load generator's CPU use over the phase, in cores (it has one). */
  clientBusy?: number;
  convClientBusy?: number;
  helperCpuPer1k?: number;
  commitsPerUpdate?: number;
  rssBytes?: number;
  convergenceMs?: number;
  warmLoadMs?: number;
  coldLoadMs?: number[];
  unloadedLoadMs?: number[];
  commitP50?: number;
  commitP99?: number;
  /** CPU (µs) one commit round trip costs the waiting process, pinned where the server runs. */
  roundTripUs?: number;
  errors: string[];
  /** With several rounds: each round's own figures. */
  perRound?: Result[];
}

/** Durable servers: what one PostgreSQL commit costs in wall time here (their latency floor). */
async function commitLatency(t: Target, r: Result): Promise<void> {
  if (!t.commitLatencies) return;
  // At the fan-out's pace: a backend woken every 20 ms is slower than one kept busy.
  const l = (await t.commitLatencies(Math.min(250, cfg.seconds * cfg.rate), 1000 / cfg.rate)).sort(
    (a, b) => a - b,
  );
  r.commitP50 = percentile(l, 50);
  r.commitP99 = percentile(l, 99);
  log(
    `${t.key} commit latency: p50 ${r.commitP50.toFixed(2)} ms, p99 ${r.commitP99.toFixed(2)} ms`,
  );
  r.roundTripUs = roundTripCpu();
  if (r.roundTripUs !== undefined) {
    log(
      `${t.key} CPU of one commit round trip to its waiting process: ${r.roundTripUs.toFixed(0)} µs`,
    );
  }
}

/**
 * probe/roundtrip-probe.mjs pinned to the server's core: the CPU a process pays for one
 * PostgreSQL commit round trip at the fan-out's pace (its own idle wake-up subtracted). Every
 * durable update pays it on top of what an in-memory server does, so it sets a floor under the
 * CPU ratio (see `verdicts`).
 */
function roundTripCpu(): number | undefined {
  const probe = join(import.meta.dirname, 'probe', 'roundtrip-probe.mjs');
  const ts = taskset();
  const args = [probe, cfg.db, String(cfg.rate), '4'];
  try {
    const out = execFileSync(
      ts ?? process.execPath,
      ts ? ['-c', SERVER_CORE, process.execPath, ...args] : args,
      {
        cwd: join(import.meta.dirname, '..'),
        timeout: 60_000,
      },
    );
    return (JSON.parse(out.toString()) as { roundTripUs: number }).roundTripUs;
  } catch (err) {
    log(`round-trip probe failed: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** 1 writer + R readers; the writer stamps each update with its send time. */
async function fanout(t: Target, r: Result): Promise<void> {
  const total = cfg.seconds * cfg.rate;
  const doc = await t.newDoc();
  const clients = await connectAll(t, doc, cfg.readers + 1);
  const [writer, ...readers] = clients as [BenchClient, ...BenchClient[]];
  try {
    const latencies: number[] = [];
    const expected = total * readers.length;
    let allDelivered!: () => void;
    const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
    for (const reader of readers) {
      reader.doc.getArray<{ s: number; t: number }>('fanout').observe((event) => {
        const now = performance.now();
        for (const d of event.changes.delta) {
          if (!d.insert) continue;
          for (const item of d.insert as { s: number; t: number }[]) latencies.push(now - item.t);
        }
        if (latencies.length >= expected) allDelivered();
      });
    }
    const arr = writer.doc.getArray<{ s: number; t: number }>('fanout');
    await sleep(500); // let the connection-time awareness traffic settle
    // Warm-up, the same for every server: the same traffic, not measured, so that the figures
    // are the steady state and not the JIT compiling the hot path (V8 optimizes a function
    // only after enough calls; at 50 updates/s that takes seconds).
    const warm = writer.doc.getArray<{ s: number; t: number }>('warmup');
    const interval = 1000 / cfg.rate;
    const warmStart = performance.now();
    for (let s = 0; s < cfg.warmup * cfg.rate; s++) {
      const wait = warmStart + s * interval - performance.now();
      if (wait > 1) await sleep(wait);
      warm.push([{ s, t: performance.now() }]);
    }
    await sleep(500);

    const helpers0 = await helperTicks(t);
    const commits0 = t.commits ? await t.commits() : NaN;
    // Diagnostics over the measured phase: BENCH_ATTACH is a command run with {pid} replaced
    // by the server's, stopped with SIGINT at the end (e.g. `strace -c -f -p {pid}`, or
    // `perf record -F 999 -g -o /tmp/perf.data -p {pid}`); its stderr is printed.
    const attach = process.env.BENCH_ATTACH?.split(' ').filter(Boolean);
    const strace = attach
      ? spawn(
          attach[0]!,
          attach.slice(1).map((a) => a.replace('{pid}', String(t.pid()))),
          {
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        )
      : undefined;
    let straceOut = '';
    strace?.stderr!.on('data', (b: Buffer) => (straceOut += b.toString()));
    if (strace) await sleep(500);
    const threads0 = threadTicks(t.pid());
    const cpu0 = cpuTimes(t.pid())!;
    const client0 = process.cpuUsage();
    const start = performance.now();
    for (let s = 0; s < total; s++) {
      const wait = start + s * interval - performance.now();
      if (wait > 1) await sleep(wait);
      arr.push([{ s, t: performance.now() }]);
    }
    await withTimeout(delivered, 15_000, 'fan-out delivery').catch(() => undefined);
    const cpu1 = cpuTimes(t.pid())!;
    const threads1 = threadTicks(t.pid());
    if (strace) {
      const exited = new Promise((r) => strace.once('exit', r));
      strace.kill('SIGINT');
      await exited;
      log(`${t.key} ${attach![0]} over the fan-out:\n${straceOut}`);
    }
    const clientCpu = process.cpuUsage(client0);
    const wall = (performance.now() - start) / 1000;
    r.clientBusy = (clientCpu.user + clientCpu.system) / 1e6 / wall;
    const helpers1 = await helperTicks(t);

    latencies.sort((a, b) => a - b);
    r.p50 = percentile(latencies, 50);
    r.p99 = percentile(latencies, 99);
    r.max = latencies[latencies.length - 1];
    r.delivered = latencies.length;
    r.expected = expected;
    const per1k = (ticks: number) => ticks / clockTicks() / (latencies.length / 1000);
    r.cpuPer1k = per1k(cpu1.user + cpu1.sys - cpu0.user - cpu0.sys);
    r.sysShare = (cpu1.sys - cpu0.sys) / (cpu1.user + cpu1.sys - cpu0.user - cpu0.sys);
    if (t.helperTicks) {
      let ticks = 0;
      for (const [pid, v] of helpers1) ticks += v - (helpers0.get(pid) ?? 0);
      r.helperCpuPer1k = per1k(ticks);
    }
    if (t.commits) {
      await sleep(1_200); // PostgreSQL publishes its counters at most once a second
      r.commitsPerUpdate = ((await t.commits()) - commits0) / total;
    }
    log(
      `${t.key} fan-out: ${latencies.length}/${expected} delivered, p50 ${r.p50.toFixed(2)} ms, ` +
        `p99 ${r.p99.toFixed(2)} ms, CPU ${r.cpuPer1k.toFixed(3)} s/1k ` +
        `(${(100 * r.sysShare).toFixed(0)}% sys), load generator ${(100 * r.clientBusy).toFixed(0)}% busy`,
    );
    log(
      `${t.key} fan-out CPU by thread (ticks): ` +
        [...threads1]
          .map(([name, v]) => [name, v - (threads0.get(name) ?? 0)] as const)
          .filter(([, v]) => v > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([name, v]) => `${name} ${v}`)
          .join(', '),
    );
    if (latencies.length < expected) r.errors.push(`fan-out: ${expected - latencies.length} lost`);
  } finally {
    clients.forEach((c) => c.destroy());
  }
}

/** N clients each make M updates as fast as they can; time until every copy has all N×M. */
async function convergence(t: Target, r: Result): Promise<void> {
  const total = cfg.convClients * cfg.convUpdates;
  const doc = await t.newDoc();
  const clients = await connectAll(t, doc, cfg.convClients);
  try {
    await sleep(300);
    const arrays = clients.map((c) => c.doc.getArray<number>('conv'));
    const done = Promise.all(
      clients.map((c, i) =>
        until(c.doc, () => arrays[i]!.length >= total, 120_000, `client ${i} to converge`),
      ),
    );
    const client0 = process.cpuUsage();
    const start = performance.now();
    for (let u = 0; u < cfg.convUpdates; u++) {
      for (let i = 0; i < clients.length; i++) arrays[i]!.push([i * cfg.convUpdates + u]);
      await tick(); // one update per client per turn: interleaved, as fast as the loop allows
    }
    await done;
    r.convergenceMs = performance.now() - start;
    const clientCpu = process.cpuUsage(client0);
    r.convClientBusy = (clientCpu.user + clientCpu.system) / 1e3 / r.convergenceMs;
    const sv = Buffer.from(Y.encodeStateVector(clients[0]!.doc)).toString('base64');
    const same = clients.every(
      (c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('base64') === sv,
    );
    const contents = JSON.stringify(arrays[0]!.toArray());
    const identical = arrays.every((a) => JSON.stringify(a.toArray()) === contents);
    if (!same || !identical) r.errors.push('convergence: copies differ');
    log(
      `${t.key} convergence: ${r.convergenceMs.toFixed(0)} ms (${total} updates), ` +
        `load generator ${(100 * r.convClientBusy).toFixed(0)}% busy`,
    );
  } finally {
    clients.forEach((c) => c.destroy());
  }
}

/** Time from a new client's connect to holding all `n` items of `doc`. */
async function timeLoad(t: Target, doc: string, n: number): Promise<number> {
  const start = performance.now();
  const c = t.connect(doc);
  try {
    const arr = c.doc.getArray('cold');
    await withTimeout(c.synced, 60_000, 'load sync');
    await until(c.doc, () => arr.length >= n, 60_000, `${n} items`);
    return performance.now() - start;
  } finally {
    c.destroy();
  }
}

/**
 * Fills a document with `coldUpdates` small updates (one per transaction), times a load while
 * it is in memory, records peak RSS, then (durable servers only) restarts the server and times
 * the first load after each restart.
 */
async function load(t: Target, r: Result): Promise<void> {
  const n = cfg.coldUpdates;
  const doc = await t.newDoc();
  const [filler, watcher] = await connectAll(t, doc, 2);
  try {
    const arr = filler!.doc.getArray<number>('cold');
    const watched = watcher!.doc.getArray<number>('cold');
    const all = until(watcher!.doc, () => watched.length >= n, 120_000, 'the fill to arrive');
    for (let i = 0; i < n; i++) {
      arr.push([i]);
      if (i % 50 === 49) await tick();
    }
    // Our server broadcasts only committed updates: the watcher holding all of them means
    // the whole fill is stored.
    await all;
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timeLoad(t, doc, n));
    r.warmLoadMs = median(warm);
  } finally {
    filler!.destroy();
    watcher!.destroy();
  }
  r.rssBytes = statusBytes(t.pid(), 'VmHWM');
  if (!t.durable) return;
  await sleep(500);
  r.coldLoadMs = [];
  r.unloadedLoadMs = [];
  for (let i = 0; i < cfg.coldRuns; i++) {
    await t.restart();
    await sleep(300); // let the start-up settle; the document is not in memory
    r.coldLoadMs.push(await timeLoad(t, doc, n));
    // Same load from the database by a warmed-up process: wait for the unload (2 s after the
    // last client left), which separates the cost of a fresh process from that of the storage.
    await sleep(3_000);
    r.unloadedLoadMs.push(await timeLoad(t, doc, n));
  }
  log(
    `${t.key} cold load: ${r.coldLoadMs.map((v) => v.toFixed(1)).join(', ')} ms; ` +
      `unloaded, warm process: ${r.unloadedLoadMs.map((v) => v.toFixed(1)).join(', ')} ms`,
  );
}

// ---------------------------------------------------------------------------------- report

/** Several rounds of one server: the median of each figure (peak RSS: the highest). */
function combine(rs: Result[]): Result {
  if (rs.length === 1) return rs[0]!;
  const out: Result = { errors: [] };
  const numeric = [
    'p50',
    'p99',
    'max',
    'delivered',
    'expected',
    'cpuPer1k',
    'sysShare',
    'clientBusy',
    'convClientBusy',
    'helperCpuPer1k',
    'commitsPerUpdate',
    'convergenceMs',
    'warmLoadMs',
    'commitP50',
    'commitP99',
    'roundTripUs',
  ] as const;
  for (const k of numeric) {
    const v = rs.map((r) => r[k]).filter((x): x is number => x !== undefined);
    if (v.length) out[k] = median(v);
  }
  const rss = rs.map((r) => r.rssBytes).filter((x): x is number => x !== undefined);
  if (rss.length) out.rssBytes = Math.max(...rss);
  for (const k of ['coldLoadMs', 'unloadedLoadMs'] as const) {
    if (rs.some((r) => r[k])) out[k] = rs.flatMap((r) => r[k] ?? []);
  }
  rs.forEach((r, i) => out.errors.push(...r.errors.map((e) => `round ${i + 1}: ${e}`)));
  out.perRound = rs;
  return out;
}

const ms = (v: number | undefined, digits = 1) =>
  v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(digits)} ms`;

function table(targets: Target[], results: Map<string, Result>): string {
  const rows: [string, (t: Target, r: Result) => string][] = [
    ['Fan-out latency p50 (1 writer → readers)', (_t, r) => ms(r.p50, 2)],
    ['Fan-out latency p99', (_t, r) => ms(r.p99, 2)],
    ['Fan-out latency max', (_t, r) => ms(r.max, 1)],
    [
      'Delivered (update, reader) pairs',
      (_t, r) => (r.expected ? `${r.delivered}/${r.expected}` : '—'),
    ],
    [
      `PostgreSQL single-row commit p50 / p99 (alone, ${cfg.rate}/s, from the load generator)`,
      (_t, r) =>
        r.commitP50 === undefined ? 'n/a' : `${ms(r.commitP50, 2)} / ${ms(r.commitP99, 2)}`,
    ],
    [
      `CPU of one commit round trip to the waiting process (${cfg.rate}/s, pinned like the server), µs`,
      (_t, r) => (r.roundTripUs === undefined ? 'n/a' : r.roundTripUs.toFixed(0)),
    ],
    [
      'Server CPU s per 1,000 delivered updates',
      (_t, r) => (r.cpuPer1k === undefined ? '—' : r.cpuPer1k.toFixed(4)),
    ],
    [
      '…of which kernel (sys)',
      (_t, r) => (r.sysShare === undefined ? '—' : `${(100 * r.sysShare).toFixed(0)}%`),
    ],
    [
      '…plus its PostgreSQL backends',
      (_t, r) => (r.helperCpuPer1k === undefined ? 'n/a' : r.helperCpuPer1k.toFixed(4)),
    ],
    [
      'PostgreSQL commits per update (fan-out)',
      (_t, r) => (r.commitsPerUpdate === undefined ? 'n/a' : r.commitsPerUpdate.toFixed(2)),
    ],
    [
      'Peak RSS (VmHWM)',
      (_t, r) => (r.rssBytes === undefined ? '—' : `${(r.rssBytes / 2 ** 20).toFixed(0)} MB`),
    ],
    [
      `Convergence, ${cfg.convClients} clients × ${cfg.convUpdates} updates`,
      (_t, r) => ms(r.convergenceMs, 0),
    ],
    [
      `Load of a ${cfg.coldUpdates}-update doc held in memory (median of 3)`,
      (_t, r) => ms(r.warmLoadMs),
    ],
    [
      `Cold load of a ${cfg.coldUpdates}-update doc after a restart (median of ${cfg.coldRuns * cfg.rounds})`,
      (t, r) =>
        !t.durable
          ? 'n/a (in memory)'
          : r.coldLoadMs?.length
            ? `${ms(median(r.coldLoadMs))} (${r.coldLoadMs.map((v) => v.toFixed(1)).join(', ')})`
            : '—',
    ],
    [
      `…same document unloaded, process warm (median of ${cfg.coldRuns * cfg.rounds})`,
      (t, r) =>
        !t.durable
          ? 'n/a (in memory)'
          : r.unloadedLoadMs?.length
            ? `${ms(median(r.unloadedLoadMs))} (${r.unloadedLoadMs.map((v) => v.toFixed(1)).join(', ')})`
            : '—',
    ],
    [
      'Load generator CPU (its one core) during fan-out / convergence',
      (_t, r) =>
        `${r.clientBusy === undefined ? '—' : `${(100 * r.clientBusy).toFixed(0)}%`} / ` +
        `${r.convClientBusy === undefined ? '—' : `${(100 * r.convClientBusy).toFixed(0)}%`}`,
    ],
    ['Errors', (_t, r) => (r.errors.length ? r.errors.join('; ') : 'none')],
  ];
  const head = `| metric | ${targets.map((t) => t.label).join(' | ')} |`;
  const sep = `|---|${targets.map(() => '---').join('|')}|`;
  const body = rows.map(
    ([label, f]) => `| ${label} | ${targets.map((t) => f(t, results.get(t.key)!)).join(' | ')} |`,
  );
  return [head, sep, ...body].join('\n');
}

function perRound(targets: Target[], results: Map<string, Result>): string {
  const f = (v: number | undefined, d: number) => (v === undefined ? '—' : v.toFixed(d));
  return targets
    .map((t) => {
      const rs = results.get(t.key)!.perRound ?? [];
      const cells = rs.map(
        (r, i) =>
          `round ${i + 1}: ${f(r.p50, 2)} / ${f(r.p99, 1)}, ${f(r.cpuPer1k, 4)}, ` +
          `${f(r.convergenceMs, 0)}`,
      );
      return `- ${t.key}: ${cells.join('; ')}`;
    })
    .join('\n');
}

/**
 * Issue 15's targets: server CPU per delivered update ≤ 1.25× the best in-memory peer's, and
 * fan-out p99 ≤ the best peer's p99 + the PostgreSQL commit p99 measured in the same run.
 */
function verdicts(targets: Target[], results: Map<string, Result>): string[] {
  const peers = targets.filter((t) => !t.durable).map((t) => results.get(t.key)!);
  const best = (pick: (r: Result) => number | undefined) =>
    Math.min(...peers.map(pick).filter((v): v is number => v !== undefined));
  const lines: string[] = [];
  for (const t of targets.filter((t) => t.durable)) {
    const r = results.get(t.key)!;
    const cpu = best((p) => p.cpuPer1k);
    if (r.cpuPer1k !== undefined && Number.isFinite(cpu)) {
      const x = r.cpuPer1k / cpu;
      lines.push(
        `- ${t.key}: server CPU per delivered update / best in-memory peer = ${x.toFixed(2)}× ` +
          `(target ≤ 1.25×) → ${x <= 1.25 ? 'met' : 'NOT met'}` +
          (r.helperCpuPer1k !== undefined
            ? `; with its PostgreSQL backends ${((r.cpuPer1k + r.helperCpuPer1k) / cpu).toFixed(2)}× (for information)`
            : ''),
      );
      if (r.roundTripUs !== undefined) {
        // Per update the peer spends cpu/1000 s per delivery × readers; a durable server also
        // waits for one commit, whose round trip alone costs roundTripUs.
        const peerPerUpdateUs = (cpu / 1000) * cfg.readers * 1e6;
        const floor = 1 + r.roundTripUs / peerPerUpdateUs;
        lines.push(
          `- ${t.key}: floor of that ratio here = (peer ${peerPerUpdateUs.toFixed(0)} µs + one commit ` +
            `round trip ${r.roundTripUs.toFixed(0)} µs) per update / peer = ${floor.toFixed(2)}×; ` +
            `${t.key} is at ${(x / floor).toFixed(2)}× that floor`,
        );
      }
    }
    const p99 = best((p) => p.p99);
    if (r.p99 !== undefined && r.commitP99 !== undefined && Number.isFinite(p99)) {
      const limit = p99 + r.commitP99;
      lines.push(
        `- ${t.key}: fan-out p99 ${r.p99.toFixed(2)} ms vs best peer's p99 + commit p99 = ` +
          `${p99.toFixed(2)} + ${r.commitP99.toFixed(2)} = ${limit.toFixed(2)} ms → ` +
          (r.p99 <= limit ? 'met' : 'NOT met'),
      );
    }
    if (r.coldLoadMs?.length) {
      const m = median(r.coldLoadMs);
      lines.push(
        `- ${t.key}: cold load after a restart: median ${m.toFixed(1)} ms (target < 20 ms) → ` +
          (m < 20 ? 'met' : 'NOT met'),
      );
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------- main

const targets: Target[] = [];
let cleaningUp: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const t of targets) {
      try {
        await withTimeout(t.stop(), 20_000, `${t.key} stop`);
      } catch {
        t.kill();
      }
      await t.cleanup().catch((err: unknown) => console.error(`cleanup of ${t.key}:`, err));
    }
  })();
  return cleaningUp;
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process 'exit' listener (it closes its socket).
  process.setMaxListeners(cfg.readers + cfg.convClients + 20);
  const ts = taskset();
  if (ts) execFileSync(ts, ['-a', '-cp', CLIENT_CORE, String(process.pid)], { stdio: 'ignore' });
  else console.warn('taskset not found (apt-get install -y util-linux): nothing is pinned');
  const loadAvg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  log(`environment: ${machine()}; load average ${loadAvg}; pinned: ${ts ? 'yes' : 'no'}`);
  log(`settings ${JSON.stringify({ ...cfg, db: cfg.db.replace(/:[^:@/]+@/, ':***@') })}`);

  for (const key of cfg.servers) {
    if (key === 'ours') targets.push(new OursTarget(cfg.db, SERVER_CORE));
    else if (key === 'baseline') {
      const main = join(repoRoot, 'server', 'dist-before', 'main.js');
      targets.push(
        new OursTarget(cfg.db, SERVER_CORE, {}, process.env.BENCH_BASELINE_MAIN ?? main),
      );
    } else if (key === 'ywebsocket') targets.push(new YWebsocketServerTarget(SERVER_CORE));
    else if (key === 'hocuspocus') targets.push(new HocuspocusTarget(SERVER_CORE));
    else throw new Error(`unknown server ${key} (ours, baseline, ywebsocket, hocuspocus)`);
  }

  const rounds = new Map<string, Result[]>(targets.map((t) => [t.key, []]));
  // One server at a time, so they never compete for core 0; rounds interleave the servers so
  // that a noisy neighbour on a shared machine does not land on one of them only.
  for (let round = 1; round <= cfg.rounds; round++) {
    for (const t of targets) {
      const r: Result = { errors: [] };
      rounds.get(t.key)!.push(r);
      const loadNow = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      log(`${t.key}: starting (round ${round}/${cfg.rounds}), load average ${loadNow}`);
      try {
        await t.start();
        for (const [key, name, phase] of [
          ['commit', 'commit latency', commitLatency],
          ['fanout', 'fan-out', fanout],
          ['convergence', 'convergence', convergence],
          ['load', 'load', load],
        ] as const) {
          if (!cfg.phases.includes(key)) continue;
          try {
            await phase(t, r);
          } catch (err) {
            r.errors.push(`${name}: ${(err as Error).message.split('\n')[0]}`);
            log(`${t.key} ${name} failed: ${(err as Error).stack ?? String(err)}`);
          }
        }
      } catch (err) {
        r.errors.push(`start: ${(err as Error).message.split('\n')[0]}`);
        log(`${t.key} failed to start: ${String(err)}`);
      } finally {
        await t.stop().catch(() => t.kill());
      }
    }
  }
  const results = new Map([...rounds].map(([key, rs]) => [key, combine(rs)]));

  const clients = targets.map((t) => `- ${t.label}: ${t.client}`).join('\n');
  const report = [
    `## Collaboration benchmark (issue 7)`,
    '',
    `Run ${new Date().toISOString()} on ${machine()}; load average at start ${loadAvg}. ` +
      (ts
        ? `Each server ran alone, pinned to core ${SERVER_CORE} (\`taskset -c ${SERVER_CORE}\`); ` +
          `the load generator was pinned to core ${CLIENT_CORE}. PostgreSQL is not pinned.`
        : 'Nothing was pinned (taskset missing).'),
    '',
    `Sizes: fan-out 1 writer + ${cfg.readers} readers at ${cfg.rate} updates/s for ` +
      `${cfg.seconds} s (${cfg.seconds * cfg.rate} updates) after ${cfg.warmup} s of the same ` +
      `traffic not measured; convergence ${cfg.convClients} × ` +
      `${cfg.convUpdates}; load ${cfg.coldUpdates} updates, ${cfg.coldRuns} restart(s) per round` +
      (cfg.rounds > 1
        ? `; ${cfg.rounds} rounds (servers interleaved), each figure the median over rounds.`
        : '.'),
    '',
    table(targets, results),
    '',
    ...verdicts(targets, results),
    '',
    ...(cfg.rounds > 1
      ? ['Per round (p50 / p99 ms, CPU s per 1k, convergence ms):', perRound(targets, results), '']
      : []),
    'Clients:',
    clients,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  if (cfg.out !== '-') {
    writeFileSync(cfg.out, report);
    log(`written to ${cfg.out}`);
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench: over ${cfg.timeoutS} s, giving up`);
  void cleanup().finally(() => process.exit(1));
}, cfg.timeoutS * 1000);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    // Should anything still hold the loop open, do not hang: report it and leave.
    setTimeout(() => {
      console.error('bench: handles still open after cleanup, exiting');
      process.exit(process.exitCode ?? 0);
    }, 5_000).unref();
  });
