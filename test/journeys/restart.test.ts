import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { login, registerUser } from '../support/api.ts';
import { createTestDatabase, startServer, type TestDatabase } from '../support/server.ts';

let db: TestDatabase;
after(async () => {
  await db?.drop();
});

test('a restart keeps the data (embedded or real PostgreSQL)', async () => {
  db = await createTestDatabase();
  const first = await startServer(db.env);
  const u = await registerUser(first.url, 'Restart');
  const ws = await u.api.req<{ id: string; name: string }>('POST', '/workspaces', {
    name: 'Klooz',
  });
  await first.stop();

  const second = await startServer(db.env);
  try {
    const api = await login(second.url, u.email, u.password);
    const again = await api.req<{ id: string; name: string }>('GET', `/workspaces/${ws.id}`);
    assert.equal(again.name, 'Klooz');
  } finally {
    await second.stop();
  }
});
