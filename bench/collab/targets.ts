/**
 * The three servers under test, each a child process pinned to one core, and the client each is
 * driven with. Ours: the built `server/dist/main.js` on a scratch PostgreSQL database, durable
 * as in production. Peers: `@y/websocket-server` 0.1.1 and `@hocuspocus/server` 4.x, in memory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import pg from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cpuTicks } from './proc';

export const repoRoot = join(import.meta.dirname, '..', '..');
const here = import.meta.dirname;

/** One connected client: a Y.Doc kept in sync with the server by a provider. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** First sync with the server done (rejects if the server refuses the socket). */
  readonly synced: Promise<void>;
  destroy(): void;
}

export interface Target {
  readonly key: 'ours' | 'baseline' | 'ywebsocket' | 'hocuspocus';
  readonly label: string;
  /** Which client library drives it. */
  readonly client: string;
  readonly durable: boolean;
  pid(): number;
  start(): Promise<void>;
  /** SIGTERM, wait for the exit, start again on the same storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL if still running (cleanup on failure). */
  kill(): void;
  /** A fresh, empty document to open. */
  newDoc(): Promise<string>;
  connect(doc: string): BenchClient;
  /** The WebSocket URL a raw y-protocol client opens for `doc` (y-websocket servers only). */
  wsUrl?(doc: string): string;
  /** CPU ticks of other processes doing this server's work (its PostgreSQL backends). */
  helperTicks?(): Promise<Map<number, number>>;
  /** Committed transactions in its database so far (PostgreSQL statistics, ~1 s late). */
  commits?(): Promise<number>;
  /** Latencies (ms) of `n` single-row commits in its database, one every `intervalMs`. */
  commitLatencies?(n: number, intervalMs: number): Promise<number[]>;
  /** Removes whatever start() created outside the process (the scratch database). */
  cleanup(): Promise<void>;
}

let tasksetPath: string | null | undefined;
export function taskset(): string | null {
  if (tasksetPath === undefined) {
    try {
      tasksetPath = execFileSync('sh', ['-c', 'command -v taskset']).toString().trim() || null;
    } catch {
      tasksetPath = null;
    }
  }
  return tasksetPath;
}

interface Spawned {
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

/**
 * Starts `node <args>` pinned to `core` (taskset execs node: same pid) and resolves with what
 * `ready` extracts from its output.
 */
async function spawnPinned(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  core: string,
): Promise<Spawned & { match: RegExpExecArray }> {
  const ts = taskset();
  const [cmd, argv] = ts ? [ts, ['-c', core, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  // Diagnostics: BENCH_SERVER_LOG=<file> keeps everything the servers print (e.g. --trace-deopt).
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} did not start within 60 s:\n${output.join('')}`));
    }, 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      const text = b.toString();
      if (output.length < 200) output.push(text);
      buffered = (buffered + text).slice(-64 * 1024);
      const m = ready.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (output.length < 200) output.push(b.toString());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${code ?? signal}):\n${output.join('')}`));
    });
  });
  return { child, output, exited, match };
}

async function terminate(s: Spawned | undefined): Promise<void> {
  if (!s) return;
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await s.exited;
  clearTimeout(timer);
}

function yWebsocketClient(serverUrl: string, room: string, params: Record<string, string>) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    // ws implements the parts of the browser WebSocket the provider uses.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  const synced = new Promise<void>((resolve, reject) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      resolve();
    };
    const onClose = (event: { code: number; reason: string } | null) => {
      if (event && event.code >= 4000) {
        provider.off('sync', onSync);
        provider.off('connection-close', onClose);
        provider.shouldConnect = false;
        reject(new Error(`server refused the socket: ${event.code} ${event.reason}`));
      }
    };
    provider.on('sync', onSync);
    provider.on('connection-close', onClose as never);
  });
  synced.catch(() => undefined);
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  } satisfies BenchClient;
}

function hocuspocusClient(url: string, name: string): BenchClient {
  const doc = new Y.Doc();
  let resolveSynced!: () => void;
  const synced = new Promise<void>((resolve) => (resolveSynced = resolve));
  const provider = new HocuspocusProvider({
    url,
    name,
    document: doc,
    // Passed on to the socket it creates (and manages, i.e. destroys with the provider).
    ...({ WebSocketPolyfill: WebSocket } as object),
    onSynced: ({ state }) => {
      if (state) resolveSynced();
    },
  });
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Base for the two in-memory peers: a plain node script printing `{"listening":port}`. */
class PeerTarget implements Partial<Target> {
  protected proc: (Spawned & { port: number }) | undefined;
  private n = 0;

  constructor(
    private readonly script: string,
    private readonly core: string,
  ) {}

  pid(): number {
    return this.proc?.child.pid ?? -1;
  }

  get port(): number {
    return this.proc?.port ?? -1;
  }

  async start(): Promise<void> {
    const s = await spawnPinned(
      [
        ...(process.env.BENCH_PEER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        join(here, 'peers', this.script),
      ],
      { PORT: '0', NODE_ENV: 'production' },
      /\{"listening":(\d+)\}/,
      this.core,
    );
    this.proc = { ...s, port: Number(s.match[1]) };
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await terminate(this.proc);
    this.proc = undefined;
  }

  kill(): void {
    this.proc?.child.kill('SIGKILL');
  }

  async newDoc(): Promise<string> {
    return `bench-${Date.now().toString(36)}-${++this.n}-${randomBytes(3).toString('hex')}`;
  }

  async cleanup(): Promise<void> {}
}

export class YWebsocketServerTarget extends PeerTarget implements Target {
  readonly key = 'ywebsocket' as const;
  readonly label = '@y/websocket-server 0.1.1 (in memory)';
  readonly client = 'y-websocket 3.1.0 WebsocketProvider';
  readonly durable = false;

  constructor(core: string) {
    super('ywebsocket-server.mjs', core);
  }

  connect(doc: string): BenchClient {
    return yWebsocketClient(`ws://127.0.0.1:${this.port}`, doc, {});
  }

  wsUrl(doc: string): string {
    return `ws://127.0.0.1:${this.port}/${doc}`;
  }
}

export class HocuspocusTarget extends PeerTarget implements Target {
  readonly key = 'hocuspocus' as const;
  readonly label = '@hocuspocus/server 4.x (in memory)';
  readonly client =
    '@hocuspocus/provider 4.x (Hocuspocus prefixes every message with the document name ' +
    'and requires an auth message, so the stock y-websocket provider cannot talk to it)';
  readonly durable = false;

  constructor(core: string) {
    super('hocuspocus-server.mjs', core);
  }

  connect(doc: string): BenchClient {
    return hocuspocusClient(`ws://127.0.0.1:${this.port}`, doc);
  }
}

/** Ours: the built server, durable on a scratch PostgreSQL database. */
export class OursTarget implements Target {
  readonly key: 'ours' | 'baseline' = 'ours';
  readonly label: string = 'Coalesce (durable, PostgreSQL)';
  readonly client = 'y-websocket 3.1.0 WebsocketProvider';
  readonly durable = true;
  private proc: Spawned | undefined;
  private url = '';
  private dbName = '';
  private dbUrl = '';
  private admin: pg.Client | undefined;
  private token = '';
  private workspaceId = '';
  private n = 0;
  private readonly secret = randomBytes(32).toString('hex');

  /**
   * `main`: another build of the server to compare with (the `baseline` server of the bench,
   * e.g. the previous commit built into server/dist-before; it must sit under server/ so that
   * it finds the server's node_modules).
   */
  constructor(
    private readonly baseDbUrl: string,
    private readonly core: string,
    private readonly extraEnv: Record<string, string> = {},
    private readonly main = join(repoRoot, 'server', 'dist', 'main.js'),
  ) {
    if (main !== join(repoRoot, 'server', 'dist', 'main.js')) {
      this.key = 'baseline';
      this.label = `Coalesce baseline (${main.replace(repoRoot + '/', '')})`;
    }
  }

  pid(): number {
    return this.proc?.child.pid ?? -1;
  }

  async start(): Promise<void> {
    const main = this.main;
    if (!existsSync(main)) {
      throw new Error(`${main} missing: npx pnpm --filter @coalesce/server build`);
    }
    if (!this.dbName) await this.createDatabase();
    const s = await spawnPinned(
      [...(process.env.BENCH_OURS_NODE_ARGS ?? '').split(' ').filter(Boolean), main],
      {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: this.dbUrl,
        SESSION_SECRET: this.secret,
        ACCESS_TOKEN_TTL_MINUTES: '600',
        // Diagnostics preload settings (probe/pg-probe.cjs), when set.
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            (e): e is [string, string] => e[0].startsWith('BENCH_PROBE_') && e[1] !== undefined,
          ),
        ),
        ...this.extraEnv,
      },
      /"url":"(http:\/\/[^"]+)","msg":"Coalesce is listening"/,
      this.core,
    );
    this.proc = s;
    this.url = s.match[1]!;
    if (!this.token) await this.setUpUser();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await terminate(this.proc);
    this.proc = undefined;
  }

  kill(): void {
    this.proc?.child.kill('SIGKILL');
  }

  private async createDatabase(): Promise<void> {
    this.admin = new pg.Client({ connectionString: this.baseDbUrl });
    await this.admin.connect();
    const name = `coalesce_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await this.admin.query(`CREATE DATABASE "${name}"`);
    this.dbName = name;
    const url = new URL(this.baseDbUrl);
    url.pathname = `/${name}`;
    this.dbUrl = url.toString();
  }

  private async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  private async setUpUser(): Promise<void> {
    const reg = await this.api<{ accessToken: string }>('POST', '/auth/register', {
      email: `bench-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery',
      displayName: 'Bench',
    });
    this.token = reg.accessToken;
    const ws = await this.api<{ id: string }>('POST', '/workspaces', { name: 'Bench' });
    this.workspaceId = ws.id;
  }

  async newDoc(): Promise<string> {
    const doc = await this.api<{ id: string }>(
      'POST',
      `/workspaces/${this.workspaceId}/documents`,
      { title: `Bench ${++this.n}`, kind: 'notes' },
    );
    return doc.id;
  }

  connect(doc: string): BenchClient {
    const ws = this.url.replace(/^http/, 'ws');
    return yWebsocketClient(`${ws}/collab`, doc, { token: this.token });
  }

  wsUrl(doc: string): string {
    return `${this.url.replace(/^http/, 'ws')}/collab/${doc}?token=${encodeURIComponent(this.token)}`;
  }

  async helperTicks(): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!this.admin) return out;
    const { rows } = await this.admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [this.dbName],
    );
    for (const { pid } of rows) {
      const t = cpuTicks(pid);
      if (t !== undefined) out.set(pid, t);
    }
    return out;
  }

  /**
   * The floor under our fan-out latency: `n` single-row INSERT commits (one small bytea, like a
   * keystroke's update), one every `intervalMs`, timed from here. Durable exactly like the log.
   */
  async commitLatencies(n: number, intervalMs: number): Promise<number[]> {
    const c = new pg.Client({ connectionString: this.dbUrl });
    await c.connect();
    try {
      await c.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigserial, b bytea)');
      const payload = randomBytes(24);
      const out: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const wait = t0 + i * intervalMs - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const start = performance.now();
        await c.query('INSERT INTO bench_commit_probe (b) VALUES ($1)', [payload]);
        out.push(performance.now() - start);
      }
      await c.query('DROP TABLE bench_commit_probe');
      return out;
    } finally {
      await c.end();
    }
  }

  async commits(): Promise<number> {
    if (!this.admin) return NaN;
    await this.admin.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.admin.query<{ n: string }>(
      'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1',
      [this.dbName],
    );
    return Number(rows[0]?.n ?? NaN);
  }

  async cleanup(): Promise<void> {
    if (!this.admin) return;
    try {
      if (this.dbName)
        await this.admin.query(`DROP DATABASE IF EXISTS "${this.dbName}" WITH (FORCE)`);
    } finally {
      await this.admin.end();
      this.admin = undefined;
    }
  }
}
