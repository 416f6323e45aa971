import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { login, registerUser } from '../support/api.ts';
import { createTestDatabase, startServer, type TestDatabase } from '../support/server.ts';

let db: TestDatabase;
after(async () => {
  await db?.drop();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000) {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Notification {
  kind: string;
  subjectId: string | null;
}

test('SIGKILL between a commit and its notifications: the restarted server derives them once', async () => {
  db = await createTestDatabase();
  // The hook (NODE_ENV=test only) kills the process right after a change that notifies
  // someone commits, before its after-commit derivation starts.
  let server = await startServer({
    ...db.env,
    NODE_ENV: 'test',
    COALESCE_TEST_CRASH_BEFORE_DERIVE: '1',
  });
  const owner = await registerUser(server.url, 'Owner');
  const invitee = await registerUser(server.url, 'Invitee');
  const ws = await owner.api.req<{ id: string }>('POST', '/workspaces', { name: 'Crash' });
  const died = new Promise<number | null>((resolve) =>
    server.process.once('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? 9 : null)),
  );
  // An invitation bound to an existing user's email notifies that user.
  await assert.rejects(
    owner.api.req('POST', `/workspaces/${ws.id}/invitations`, {
      email: invitee.email,
      role: 'member',
    }),
  );
  assert.equal(await died, 9, 'the server died by SIGKILL');

  server = await startServer({ ...db.env, DEADLINE_POLL_MS: '100' });
  try {
    // The invitation committed before the crash.
    const invitations = await (
      await login(server.url, owner.email, owner.password)
    ).req<{ items: { id: string }[] }>('GET', `/workspaces/${ws.id}/invitations`);
    assert.equal(invitations.items.length, 1);
    const invitationId = invitations.items[0]!.id;

    const api = await login(server.url, invitee.email, invitee.password);
    const items = await until(async () => {
      const page = await api.req<{ items: Notification[] }>('GET', '/notifications');
      return page.items.length ? page.items : undefined;
    }, 'the invitee to be notified after the restart');
    assert.deepEqual(
      items.map((n) => [n.kind, n.subjectId]),
      [['invited', invitationId]],
    );
    assert.ok(
      server.logs.some((l) => l.includes('derived events the fast path missed')),
      'the catch-up derived it',
    );
    // Once the mark has passed the whole log, nothing is left to derive, and it was derived once.
    const marks = server.logs.join('').split('derived events the fast path missed').length;
    if (db.env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
      await c.connect();
      try {
        await until(async () => {
          const { rows } = await c.query<{ behind: boolean }>(
            `SELECT (SELECT seq FROM notification_cursor) < (SELECT max(seq) FROM activity_events) AS behind`,
          );
          return rows[0]?.behind ? undefined : true;
        }, 'the mark to pass the log');
      } finally {
        await c.end();
      }
    }
    const again = await api.req<{ items: Notification[] }>('GET', '/notifications');
    assert.equal(again.items.length, 1);
    assert.equal(server.logs.join('').split('derived events the fast path missed').length, marks);
  } finally {
    await server.stop();
  }
});
