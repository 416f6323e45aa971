// The database's connections are cut again and again for 5 s (pg_terminate_backend on the
// server's own database; PostgreSQL itself keeps running) while requests run: every answer is a
// success or a 503 with Retry-After and the error shape, never a 500; afterwards the server
// recovers without a restart.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { registerUser } from '../support/api.ts';
import {
  createTestDatabase,
  startServer,
  type ServerHandle,
  type TestDatabase,
} from '../support/server.ts';

let db: TestDatabase | undefined;
let server: ServerHandle | undefined;
after(async () => {
  await server?.stop();
  await db?.drop();
});

test('a database outage answers 503 with Retry-After, never 500, and heals by itself', async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base)
    return t.skip('needs TEST_DATABASE_URL (a PostgreSQL whose backends can be terminated)');
  db = await createTestDatabase();
  server = await startServer({ ...db.env, RATE_LIMIT_CREATES_PER_MINUTE: '100000' });
  const dbName = new URL(db.env.DATABASE_URL!).pathname.slice(1);
  const u = await registerUser(server.url, 'Outage');
  const ws = await u.api.req<{ id: string }>('POST', '/workspaces', { name: 'Outage test' });
  const token = u.api.token!;

  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const until = Date.now() + 5_000;
  let kills = 0;
  const killer = (async () => {
    while (Date.now() < until) {
      const r = await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [dbName],
      );
      kills += (r.rows[0] as { n: number }).n;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const calls: [string, string, unknown?][] = [
    ['GET', '/api/me'],
    ['GET', '/api/workspaces'],
    ['GET', `/api/workspaces/${ws.id}/documents`],
    ['POST', `/api/workspaces/${ws.id}/documents`, { title: 'During the outage', kind: 'notes' }],
    ['GET', `/api/workspaces/${ws.id}/activity`],
    ['GET', '/api/health'],
  ];
  const statuses = new Map<number, number>();
  const bad: string[] = [];
  const worker = async (offset: number) => {
    for (let i = offset; Date.now() < until; i++) {
      const [method, path, body] = calls[i % calls.length]!;
      const res = await fetch(`${server!.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 503 && path === '/api/health') continue; // its own shape: {db: 'down'}
      if (res.status === 503) {
        const b = JSON.parse(text) as { statusCode: number; code: string; message: string };
        if (b.code !== 'SERVICE_UNAVAILABLE' || !res.headers.get('retry-after'))
          bad.push(`${method} ${path}: 503 without the shape or Retry-After: ${text}`);
      } else if (res.status >= 300) {
        bad.push(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      }
    }
  };
  await Promise.all([killer, ...Array.from({ length: 6 }, (_, i) => worker(i))]).catch(
    (err: unknown) => {
      console.log(
        server!.logs
          .join('')
          .split('\n')
          .filter((l) => !l.includes('"level":30'))
          .slice(-60)
          .join('\n'),
      );
      throw err;
    },
  );
  await admin.end();

  // Recovery without a restart: the next requests succeed (bounded wait).
  const deadline = Date.now() + 10_000;
  let healed = false;
  while (!healed && Date.now() < deadline) {
    const res = await fetch(`${server.url}/api/workspaces`, {
      headers: { authorization: `Bearer ${token}` },
    });
    healed = res.status === 200;
    if (!healed) await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify({ kills, statuses: Object.fromEntries(statuses) }));
  assert.ok(kills > 0, 'connections were terminated');
  if (bad.length) {
    const logs = server.logs.join('').split('\n');
    console.log(
      logs
        .filter((l) => l.includes('unhandled error'))
        .slice(0, 3)
        .join('\n'),
    );
  }
  assert.deepEqual(bad, []);
  assert.ok((statuses.get(503) ?? 0) > 0, 'the outage was seen');
  assert.ok(healed, 'the server recovered without a restart');
  assert.equal(server.process.exitCode, null);
});
