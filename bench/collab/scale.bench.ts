/**
 * Issue 15: the scale of ONE document. Many editors typing on one document, many readers
 * watching it, against our durable server and `@y/websocket-server` (in memory), rounds
 * interleaved. Each server is a child process pinned to core 0; this load generator to core 1.
 *
 *   npx tsx bench/collab/scale.bench.ts            # default sizes, a few minutes
 *   npx tsx bench/collab/scale.bench.ts --quick    # smoke run
 *
 * Phases, per server and round:
 * 1. memory: `--idle` (300) idle connections on one document, then `--docs` (200) documents
 *    open with one connection each: the server's RSS growth per connection and per document.
 * 2. scale: `--editors` (100) editors each typing `--rate` (2) updates/s on one document with
 *    `--readers` (100) readers, for `--seconds` (20) after `--warmup` (5) s: fan-out latency
 *    (editor's send → each reader's receipt), loss (every reader must get every update) and
 *    convergence (a fresh stock y-websocket client afterwards holds every update).
 * 3. step-up: editors 100, 200, 400, … (`--steps`), each `--step-seconds` (10) s with the same
 *    readers, until fan-out p99 exceeds 100 ms or updates go missing: the editors one core
 *    sustains. The load generator's own CPU is printed: near 100%, it is the limit, not the server.
 *
 * Clients are raw y-protocol clients (sync step 1/2 and updates over `ws`, as y-websocket's
 * provider speaks them), so that 200+ of them fit on one core: an editor holds a Y.Doc with
 * only its own edits (like an offline editor: valid concurrent Yjs inserts) and does not apply
 * the others'; a reader applies nothing and finds each update's stamp (editor, seq, send time)
 * in the bytes of the frame. All editors use one account: our per-user write limit
 * (COLLAB_UPDATES_PER_SECOND) is raised for the bench, since 100 editors are 100 people, and so
 * is the create limit (RATE_LIMIT_CREATES_PER_MINUTE) for the memory phase's documents.
 *
 * Settings (flag or env): --seconds BENCH_SECONDS, --warmup BENCH_WARMUP_SECONDS, --rate
 * BENCH_RATE, --editors BENCH_EDITORS, --readers BENCH_READERS, --idle BENCH_IDLE, --docs
 * BENCH_DOCS, --steps BENCH_STEPS (100,200,400,600,800), --step-seconds BENCH_STEP_SECONDS,
 * --rounds BENCH_ROUNDS (2), --servers BENCH_SERVERS (ours,ywebsocket), --phases BENCH_PHASES
 * (memory,scale,steps), --out BENCH_OUT (bench/collab/scale-results.md; `-` for none).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { cpuTimes, clockTicks, machine, median, percentile, statusBytes } from './proc';
import { OursTarget, type Target, YWebsocketServerTarget, repoRoot, taskset } from './targets';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
function setting(flag: string, env: string, def: string, quick?: string): string {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
  if (i >= 0) return argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : argv[i + 1]!;
  if (process.env[env]) return process.env[env]!;
  return QUICK && quick !== undefined ? quick : def;
}
const int = (flag: string, env: string, def: number, quick: number) => {
  const v = Number(setting(flag, env, String(def), String(quick)));
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${flag} must be a positive integer`);
  return v;
};
const list = (flag: string, env: string, def: string, quick?: string) =>
  setting(flag, env, def, quick)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const cfg = {
  seconds: int('seconds', 'BENCH_SECONDS', 20, 5),
  warmup: int('warmup', 'BENCH_WARMUP_SECONDS', 5, 2),
  rate: int('rate', 'BENCH_RATE', 2, 2),
  editors: int('editors', 'BENCH_EDITORS', 100, 20),
  readers: int('readers', 'BENCH_READERS', 100, 20),
  idle: int('idle', 'BENCH_IDLE', 300, 50),
  docs: int('docs', 'BENCH_DOCS', 200, 20),
  steps: list('steps', 'BENCH_STEPS', '100,200,400,600,800', '20,40').map(Number),
  stepSeconds: int('step-seconds', 'BENCH_STEP_SECONDS', 10, 3),
  rounds: int('rounds', 'BENCH_ROUNDS', 2, 1),
  servers: list('servers', 'BENCH_SERVERS', 'ours,ywebsocket'),
  phases: list('phases', 'BENCH_PHASES', 'memory,scale,steps'),
  out: setting('out', 'BENCH_OUT', join(repoRoot, 'bench', 'collab', 'scale-results.md')),
  db:
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres',
  timeoutS: int('timeout', 'BENCH_TIMEOUT_S', 1_800, 600),
};
const P99_LIMIT_MS = 100;
const SERVER_CORE = '0';
const CLIENT_CORE = '1';
const log = (msg: string) =>
  console.log(`[scale ${(performance.now() / 1000).toFixed(1)}s] ${msg}`);

// ------------------------------------------------------------------------ raw y-protocol client

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
/** Stamps are `~#editor:seq:time#~` in the update's bytes (a string item, stored as UTF-8). */
const STAMP_OPEN = '~#';
const STAMP_CLOSE = '#~';
const STAMP = /^(\d+):(\d+):(\d+\.\d+)$/;

function frame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

interface Stamp {
  editor: number;
  seq: number;
  t: number;
}

/** Stamps (editor, seq, send time) found in the bytes of an update. */
function stamps(bytes: Uint8Array, out: (s: Stamp) => void): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = b.indexOf(STAMP_OPEN);
  while (i >= 0) {
    const end = b.indexOf(STAMP_CLOSE, i + 2);
    if (end < 0) return;
    const m = STAMP.exec(b.toString('latin1', i + 2, end));
    if (m) out({ editor: Number(m[1]), seq: Number(m[2]), t: Number(m[3]) });
    i = b.indexOf(STAMP_OPEN, m ? end + 2 : i + 1);
  }
}

class RawClient {
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  /** Editors only: their own edits. */
  readonly doc: Y.Doc | null;
  private seq = 0;
  onStamp: ((s: Stamp) => void) | null = null;

  constructor(
    url: string,
    readonly id: number,
    editor: boolean,
  ) {
    this.doc = editor ? new Y.Doc() : null;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => {
        const sv = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]);
        this.ws.send(frame(STEP1, sv));
      });
      this.ws.once('close', (code) => reject(new Error(`socket closed (${code}) before sync`)));
      this.ws.once('error', reject);
      this.ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(data);
        if (decoding.readVarUint(d) !== SYNC) return; // awareness
        const sub = decoding.readVarUint(d);
        if (sub === STEP1) {
          const sv = decoding.readVarUint8Array(d);
          const update = this.doc ? Y.encodeStateAsUpdate(this.doc, sv) : new Uint8Array([0, 0]); // the empty update
          this.ws.send(frame(STEP2, update));
        } else if (sub === STEP2) {
          resolve();
        } else if (sub === UPDATE && this.onStamp) {
          stamps(decoding.readVarUint8Array(d), this.onStamp);
        }
      });
    });
    this.synced.catch(() => undefined);
    if (this.doc) {
      this.doc.on('update', (update: Uint8Array) => {
        if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame(UPDATE, update));
      });
    }
  }

  /** One keystroke-sized edit, stamped. */
  type(): void {
    const t = performance.now().toFixed(3);
    this.doc!.getArray<string>('scale').push([
      `${STAMP_OPEN}${this.id}:${++this.seq}:${t}${STAMP_CLOSE}`,
    ]);
  }

  get sent(): number {
    return this.seq;
  }

  close(): void {
    this.ws.terminate();
    this.doc?.destroy();
  }
}

async function connectRaw(
  t: Target,
  doc: string,
  n: number,
  editor: boolean,
  firstId = 0,
): Promise<RawClient[]> {
  const out: RawClient[] = [];
  try {
    // In batches: the gateway limits sockets authenticating at once per address.
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from(
        { length: Math.min(20, n - i) },
        (_, k) => new RawClient(t.wsUrl!(doc), firstId + i + k, editor),
      );
      out.push(...batch);
      await withTimeout(Promise.all(batch.map((c) => c.synced)), 30_000, 'clients to sync');
    }
    return out;
  } catch (err) {
    out.forEach((c) => c.close());
    throw err;
  }
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

// ------------------------------------------------------------------------------------ phases

interface Traffic {
  editors: number;
  sent: number;
  expected: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
  serverCpuPerSecond: number;
  clientBusy: number;
}

/**
 * Editors type at `rate` updates/s each (spread evenly) for `seconds`; readers note each stamp.
 * Returns the figures of the measured part (after `warmup` s of the same traffic).
 */
async function traffic(
  t: Target,
  editors: RawClient[],
  readers: RawClient[],
  warmup: number,
  seconds: number,
): Promise<Traffic> {
  let measuring = false;
  let from = Infinity; // stamps sent before this are warm-up
  const latencies: number[] = [];
  let received = 0;
  for (const r of readers) {
    // Each reader counts each (editor, seq) once: a duplicate is not a delivery.
    const seen = new Set<number>();
    r.onStamp = (s) => {
      if (!measuring || s.t < from) return;
      const key = s.editor * 1e7 + s.seq;
      if (seen.has(key)) return;
      seen.add(key);
      received++;
      latencies.push(performance.now() - s.t);
    };
  }
  const interval = 1000 / cfg.rate;
  const run = async (secs: number) => {
    const start = performance.now();
    const total = Math.round(secs * cfg.rate * editors.length);
    let sent = 0;
    // Editor i types at start + (i / editors + k) × interval: evenly spread, never in bursts.
    while (sent < total) {
      const due = Math.min(
        total,
        Math.floor(((performance.now() - start) / interval) * editors.length) + 1,
      );
      for (; sent < due; sent++) editors[sent % editors.length]!.type();
      await sleep(Math.max(1, interval / editors.length));
    }
    return sent;
  };
  await run(warmup);
  await sleep(500);
  measuring = true;
  from = performance.now();
  const cpu0 = cpuTimes(t.pid())!;
  const client0 = process.cpuUsage();
  const sent = await run(seconds);
  const wall = (performance.now() - from) / 1000;
  const expected = sent * readers.length;
  const deadline = performance.now() + 10_000;
  while (received < expected && performance.now() < deadline) await sleep(50);
  const cpu1 = cpuTimes(t.pid())!;
  const clientCpu = process.cpuUsage(client0);
  measuring = false;
  latencies.sort((a, b) => a - b);
  return {
    editors: editors.length,
    sent,
    expected,
    received,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    serverCpuPerSecond: (cpu1.user + cpu1.sys - cpu0.user - cpu0.sys) / clockTicks() / wall,
    clientBusy: (clientCpu.user + clientCpu.system) / 1e6 / wall,
  };
}

const fmt = (x: Traffic) =>
  `${x.editors} editors: ${x.received}/${x.expected} received, p50 ${x.p50.toFixed(1)} ms, ` +
  `p99 ${x.p99.toFixed(1)} ms, max ${x.max.toFixed(0)} ms, server ${(100 * x.serverCpuPerSecond).toFixed(0)}% ` +
  `of a core, load generator ${(100 * x.clientBusy).toFixed(0)}%`;

interface Result {
  perConnection?: number;
  perConnectionRss?: number;
  perDocument?: number;
  scale?: Traffic;
  converged?: string;
  steps: Traffic[];
  sustained?: string;
  errors: string[];
}

/**
 * The server's live JavaScript memory (V8 heap + external + array buffers, which hold the
 * sockets' and documents' bytes) after a full collection (probe/gc-signal.cjs), and its RSS.
 * RSS alone hardly moves with a few hundred sockets in a process that already holds ~200 MB.
 */
async function memoryNow(t: Target): Promise<{ live: number; rss: number }> {
  await sleep(500);
  const file = `/tmp/coalesce-bench-mem-${t.pid()}.json`;
  rmSync(file, { force: true });
  process.kill(t.pid(), 'SIGUSR2');
  for (let i = 0; i < 50 && !existsSync(file); i++) await sleep(100);
  await sleep(100);
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  rmSync(file, { force: true });
  return { live: m.heapUsed! + m.external!, rss: statusBytes(t.pid(), 'VmRSS') ?? NaN };
}

async function memory(t: Target, r: Result): Promise<void> {
  const doc = await t.newDoc();
  const warm = await connectRaw(t, doc, 5, false); // the document itself is open first
  const before = await memoryNow(t);
  const idle = await connectRaw(t, doc, cfg.idle, false);
  const after = await memoryNow(t);
  r.perConnection = (after.live - before.live) / cfg.idle;
  r.perConnectionRss = (after.rss - before.rss) / cfg.idle;
  idle.forEach((c) => c.close());
  warm.forEach((c) => c.close());
  await sleep(3_000); // our server unloads a document 2 s after its last client left
  const ids: string[] = [];
  for (let i = 0; i < cfg.docs; i++) ids.push(await t.newDoc());
  const base = await memoryNow(t);
  const open: RawClient[] = [];
  for (const id of ids) open.push(...(await connectRaw(t, id, 1, false)));
  const opened = await memoryNow(t);
  r.perDocument = (opened.live - base.live) / cfg.docs - r.perConnection;
  open.forEach((c) => c.close());
  log(
    `${t.key} memory (live JS after a full GC): ${(r.perConnection / 1024).toFixed(1)} KiB per ` +
      `idle connection (RSS growth ${(r.perConnectionRss / 1024).toFixed(1)} KiB), ` +
      `${(r.perDocument / 1024).toFixed(1)} KiB per open document`,
  );
}

async function scale(t: Target, r: Result): Promise<void> {
  const doc = await t.newDoc();
  const readers = await connectRaw(t, doc, cfg.readers, false);
  const editors = await connectRaw(t, doc, cfg.editors, true, 1);
  try {
    r.scale = await traffic(t, editors, readers, cfg.warmup, cfg.seconds);
    log(`${t.key} scale: ${fmt(r.scale)}`);
    if (r.scale.received < r.scale.expected) {
      r.errors.push(`scale: ${r.scale.expected - r.scale.received} deliveries missing`);
    }
    // Convergence: a fresh stock client must hold every edit every editor made.
    const total = editors.reduce((n, e) => n + e.sent, 0);
    const check = t.connect(doc);
    try {
      await withTimeout(check.synced, 30_000, 'the checking client to sync');
      const arr = check.doc.getArray<string>('scale');
      const deadline = performance.now() + 10_000;
      while (arr.length < total && performance.now() < deadline) await sleep(50);
      const seen = new Set(arr.toArray());
      const missing = editors.reduce(
        (n, e) =>
          n +
          e
            .doc!.getArray<string>('scale')
            .toArray()
            .filter((s) => !seen.has(s)).length,
        0,
      );
      r.converged =
        missing === 0 && arr.length === total
          ? `yes (${total} edits)`
          : `NO: ${missing} of ${total} edits missing, ${arr.length} held`;
      if (missing || arr.length !== total) r.errors.push(`convergence: ${r.converged}`);
      log(`${t.key} converged: ${r.converged}`);
    } finally {
      check.destroy();
    }
  } finally {
    [...readers, ...editors].forEach((c) => c.close());
  }
}

async function steps(t: Target, r: Result): Promise<void> {
  const doc = await t.newDoc();
  const readers = await connectRaw(t, doc, cfg.readers, false);
  const editors: RawClient[] = [];
  try {
    for (const n of cfg.steps) {
      if (editors.length < n) {
        editors.push(...(await connectRaw(t, doc, n - editors.length, true, editors.length + 1)));
      }
      const x = await traffic(t, editors.slice(0, n), readers, 2, cfg.stepSeconds);
      r.steps.push(x);
      log(`${t.key} step: ${fmt(x)}`);
      const over = x.p99 > P99_LIMIT_MS || x.received < x.expected;
      if (over) break;
    }
  } finally {
    [...readers, ...editors].forEach((c) => c.close());
  }
  const ok = r.steps.filter((x) => x.p99 <= P99_LIMIT_MS && x.received >= x.expected);
  const last = r.steps[r.steps.length - 1];
  const best = ok[ok.length - 1];
  r.sustained = !best
    ? `< ${cfg.steps[0]}`
    : best === last
      ? `≥ ${best.editors} (every step passed)`
      : `${best.editors} (p99 ${last!.p99.toFixed(0)} ms at ${last!.editors})`;
  const lastBusy = last ? last.clientBusy : 0;
  if (lastBusy > 0.9) r.sustained += '; the load generator was saturated at the last step';
}

// -------------------------------------------------------------------------------------- main

const targets: Target[] = [];
async function cleanup(): Promise<void> {
  for (const t of targets) {
    await t.stop().catch(() => t.kill());
    await t.cleanup().catch(() => undefined);
  }
}

function report(results: Map<string, Result[]>, loadAvg: string): string {
  const kib = (v: number | undefined) => (v === undefined ? '—' : `${(v / 1024).toFixed(1)} KiB`);
  const med = (rs: Result[], f: (r: Result) => number | undefined) => {
    const v = rs.map(f).filter((x): x is number => x !== undefined && !Number.isNaN(x));
    return v.length ? median(v) : undefined;
  };
  const spread = (rs: Result[], f: (r: Result) => number | undefined, d = 1) =>
    rs.map((r) => f(r)?.toFixed(d) ?? '—').join(', ');
  const rows: [string, (rs: Result[]) => string][] = [
    [
      `Fan-out p50 / p99, ${cfg.editors} editors × ${cfg.rate}/s, ${cfg.readers} readers (median; rounds)`,
      (rs) =>
        `${med(rs, (r) => r.scale?.p50)?.toFixed(1) ?? '—'} / ${med(rs, (r) => r.scale?.p99)?.toFixed(1) ?? '—'} ms ` +
        `(p99: ${spread(rs, (r) => r.scale?.p99)})`,
    ],
    [
      'Deliveries received / expected',
      (rs) => rs.map((r) => `${r.scale?.received ?? '—'}/${r.scale?.expected ?? '—'}`).join(', '),
    ],
    [
      'Converged (fresh stock client holds every edit)',
      (rs) => rs.map((r) => r.converged ?? '—').join(', '),
    ],
    [
      'Server CPU at that load (share of its core)',
      (rs) => spread(rs, (r) => (r.scale ? 100 * r.scale.serverCpuPerSecond : undefined), 0) + ' %',
    ],
    [
      'Live JS memory (heap + external, after a full GC) per idle connection (median; rounds)',
      (rs) =>
        `${kib(med(rs, (r) => r.perConnection))} (${spread(rs, (r) => r.perConnection && r.perConnection / 1024)})`,
    ],
    [
      '…per open (empty) document, its one connection excluded',
      (rs) =>
        `${kib(med(rs, (r) => r.perDocument))} (${spread(rs, (r) => r.perDocument && r.perDocument / 1024)})`,
    ],
    [
      `Editors one core sustains with p99 ≤ ${P99_LIMIT_MS} ms (steps ${cfg.steps.join(', ')})`,
      (rs) => rs.map((r) => r.sustained ?? '—').join('; '),
    ],
    [
      'Step p99 (ms), per round',
      (rs) =>
        rs
          .map((r) => r.steps.map((x) => `${x.editors}: ${x.p99.toFixed(0)}`).join(', ') || '—')
          .join(' | '),
    ],
    [
      'Load generator CPU at the last step',
      (rs) =>
        spread(
          rs,
          (r) => (r.steps.length ? 100 * r.steps[r.steps.length - 1]!.clientBusy : undefined),
          0,
        ) + ' %',
    ],
    [
      'Errors',
      (rs) =>
        rs.flatMap((r, i) => r.errors.map((e) => `round ${i + 1}: ${e}`)).join('; ') || 'none',
    ],
  ];
  return [
    '## One document at scale (issue 15)',
    '',
    `Run ${new Date().toISOString()} on ${machine()}; load average at start ${loadAvg}. ` +
      `Each server alone on core ${SERVER_CORE}, the load generator on core ${CLIENT_CORE}; ` +
      `${cfg.rounds} round(s), servers interleaved. Command: ` +
      `\`${['npx tsx bench/collab/scale.bench.ts', ...process.argv.slice(2)].join(' ')}\`.`,
    '',
    `| metric | ${targets.map((t) => t.label).join(' | ')} |`,
    `|---|${targets.map(() => '---').join('|')}|`,
    ...rows.map(
      ([label, f]) => `| ${label} | ${targets.map((t) => f(results.get(t.key)!)).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const ts = taskset();
  if (ts) execFileSync(ts, ['-a', '-cp', CLIENT_CORE, String(process.pid)], { stdio: 'ignore' });
  const loadAvg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  log(
    `environment: ${machine()}; load average ${loadAvg}; pinned: ${ts ? 'yes' : 'no (no taskset)'}`,
  );
  log(`settings ${JSON.stringify({ ...cfg, db: cfg.db.replace(/:[^:@/]+@/, ':***@') })}`);
  const gc = `--expose-gc -r ${join(import.meta.dirname, 'probe', 'gc-signal.cjs')}`;
  for (const env of ['BENCH_OURS_NODE_ARGS', 'BENCH_PEER_NODE_ARGS']) {
    process.env[env] = `${process.env[env] ?? ''} ${gc}`.trim();
  }
  for (const key of cfg.servers) {
    if (key === 'ours') {
      targets.push(
        new OursTarget(cfg.db, SERVER_CORE, {
          COLLAB_UPDATES_PER_SECOND: '100000',
          COLLAB_PREAUTH_PER_ADDRESS: '1000',
          // The memory phase opens --docs documents, all created by the one bench user.
          RATE_LIMIT_CREATES_PER_MINUTE: '100000',
        }),
      );
    } else if (key === 'ywebsocket') targets.push(new YWebsocketServerTarget(SERVER_CORE));
    else throw new Error(`unknown server ${key} (ours, ywebsocket)`);
  }
  const results = new Map<string, Result[]>(targets.map((t) => [t.key, []]));
  for (let round = 1; round <= cfg.rounds; round++) {
    for (const t of targets) {
      const r: Result = { steps: [], errors: [] };
      results.get(t.key)!.push(r);
      log(
        `${t.key}: round ${round}/${cfg.rounds}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
      try {
        await t.start();
        for (const [key, phase] of [
          ['memory', memory],
          ['scale', scale],
          ['steps', steps],
        ] as const) {
          if (!cfg.phases.includes(key)) continue;
          try {
            await phase(t, r);
          } catch (err) {
            r.errors.push(`${key}: ${(err as Error).message.split('\n')[0]}`);
            log(`${t.key} ${key} failed: ${(err as Error).stack ?? String(err)}`);
          }
          await sleep(1_000);
        }
      } catch (err) {
        r.errors.push(`start: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        await t.stop().catch(() => t.kill());
      }
    }
  }
  const text = report(results, loadAvg);
  console.log(`\n${text}`);
  if (cfg.out !== '-') {
    writeFileSync(cfg.out, text);
    log(`written to ${cfg.out}`);
  }
}

const watchdog = setTimeout(() => {
  console.error(`scale bench: over ${cfg.timeoutS} s, giving up`);
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
    setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref();
  });
