import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const repoRoot = join(import.meta.dirname, '..', '..');
const serverMain = join(repoRoot, 'server', 'dist', 'main.js');

export interface ServerHandle {
  url: string;
  port: number;
  process: ChildProcess;
  env: Record<string, string>;
  logs: string[];
  /** SIGTERM and wait; the data stays for a restart. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed on purpose. */
  kill(): Promise<void>;
}

export interface TestDatabase {
  /** Environment that points a server at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh database: on TEST_DATABASE_URL's server when set, else an embedded one in a temp dir. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    if (process.env.CI) throw new Error('TEST_DATABASE_URL must be set in CI');
    const dir = mkdtempSync(join(tmpdir(), 'coalesce-e2e-'));
    return {
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `coalesce_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
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

/**
 * Starts the built server (`node server/dist/main.js`) as a real process on a free port and
 * resolves once it logs that it listens.
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerHandle> {
  if (!existsSync(serverMain))
    throw new Error(`${serverMain} missing: build first (npm test builds)`);
  const fullEnv: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    ...env,
  };
  const child = spawn(process.execPath, [serverMain], {
    env: { PATH: process.env.PATH ?? '', ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${logs.join('')}`)),
      60_000,
    );
    const onData = (buf: Buffer) => {
      const text = buf.toString();
      logs.push(text);
      const m = /"url":"(http:\/\/[^"]+)","msg":"Coalesce is listening"/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('')}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    process: child,
    env: fullEnv,
    logs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
