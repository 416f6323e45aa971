/**
 * The research export of a workspace with a long event log: 100,000 events inserted with SQL
 * into a scratch database, the built server (`server/dist/main.js`) started as a child
 * process, and the JSON and CSV exports downloaded. Prints time, bytes and the server's
 * resident memory (VmRSS sampled during each download, VmHWM = peak) to show that memory stays
 * bounded: the export is streamed from keyset batches, never held whole.
 *
 * Run from the repo root after `npx pnpm --filter @coalesce/server build`:
 *   npx tsx bench/export/export.bench.ts
 * Env: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), EVENTS (100000).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const MAIN = resolve(import.meta.dirname, '../../server/dist/main.js');
const MiB = 1024 * 1024;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** VmRSS and VmHWM (peak) of a process, in KiB. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

async function download(url: string, token: string, pid: number) {
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory(pid).rss)), 20);
  const started = performance.now();
  let bytes = 0;
  let firstByteMs = 0;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`${url}: ${res.status}`);
    for await (const chunk of res.body) {
      if (!bytes) firstByteMs = performance.now() - started;
      bytes += (chunk as Uint8Array).byteLength;
    }
  } finally {
    clearInterval(sampler);
  }
  return { ms: performance.now() - started, firstByteMs, bytes, peakRss };
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) {
    throw new Error(
      'server/dist/main.js not found: run `npx pnpm --filter @coalesce/server build`',
    );
  }
  const name = `coalesce_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await admin(BASE, (c) => c.query(`CREATE DATABASE "${name}"`));
  const dbUrl = new URL(BASE);
  dbUrl.pathname = `/${name}`;
  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: resolve(import.meta.dirname, '.data'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error('server exited');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const reg = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.test`,
        password: 'correct horse battery',
        displayName: 'Bench',
      }),
    });
    const { accessToken: token, user } = (await reg.json()) as {
      accessToken: string;
      user: { id: string };
    };
    const ws = await fetch(`${base}/api/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Bench network' }),
    });
    const { id: wid } = (await ws.json()) as { id: string };

    const insertStarted = performance.now();
    await admin(dbUrl.toString(), (c) =>
      c.query(
        `INSERT INTO activity_events ("workspaceId", type, "actorId", "subjectType", "subjectId", "partnerIds", payload)
         SELECT $1, (ARRAY['vote.cast','proposal.opened','experiment.status_changed','connection.proposed'])[1 + g % 4],
                $2, 'proposal', gen_random_uuid(), ARRAY[gen_random_uuid()],
                jsonb_build_object('i', g, 'choice', 'yes', 'reason', 'Past bij principe ' || (g % 7) || ', "sterk", met komma''s')
           FROM generate_series(1, $3::int) g`,
        [wid, user.id, EVENTS],
      ),
    );
    const insertMs = performance.now() - insertStarted;
    await new Promise((r) => setTimeout(r, 500));
    const before = memory(server.pid!);
    const json = await download(`${base}/api/workspaces/${wid}/export`, token, server.pid!);
    const afterJson = memory(server.pid!);
    const csv = await download(
      `${base}/api/workspaces/${wid}/export?format=csv`,
      token,
      server.pid!,
    );
    const after = memory(server.pid!);

    const mb = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
    console.log(
      `export bench: ${EVENTS.toLocaleString('en')} events (+ the workspace's own) — inserted in ${(insertMs / 1000).toFixed(1)} s`,
    );
    console.log(`server RSS before: ${mb(before.rss)} (peak since start ${mb(before.hwm)})`);
    for (const [label, r, m] of [
      ['JSON', json, afterJson],
      ['CSV ', csv, after],
    ] as const) {
      console.log(
        `${label}: ${(r.bytes / MiB).toFixed(1)} MiB in ${(r.ms / 1000).toFixed(2)} s ` +
          `(${(r.bytes / MiB / (r.ms / 1000)).toFixed(1)} MiB/s, first byte ${r.firstByteMs.toFixed(0)} ms); ` +
          `RSS peak during ${mb(r.peakRss)}, after ${mb(m.rss)}, VmHWM ${mb(m.hwm)}`,
      );
    }
    console.log(
      `peak RSS rise over the run: ${mb(after.hwm - before.hwm)} (VmHWM ${mb(before.hwm)} → ${mb(after.hwm)}) ` +
        `while ${((json.bytes + csv.bytes) / MiB).toFixed(1)} MiB were exported`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await admin(BASE, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
