import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { registerUser } from '../support/api.ts';
import { startServer } from '../support/server.ts';

// `npm start` on a fresh clone: no DATABASE_URL, so the embedded database, which runs one
// transaction at a time. Always embedded here, also when the other tests use TEST_DATABASE_URL.
const dir = mkdtempSync(join(tmpdir(), 'coalesce-embedded-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  'on the embedded database the background sweeps never stall the app',
  { timeout: 60_000 },
  async () => {
    // Fast polling: every sweep (proposal deadlines, connection expiry, notification catch-up,
    // email) runs many rounds while we watch. A sweep that read on a second connection inside its
    // transaction once deadlocked the single session, and /api/health answered 503 for good.
    const server = await startServer({ DATA_DIR: dir, DEADLINE_POLL_MS: '50' });
    try {
      const u = await registerUser(server.url, 'Embedded');
      const ws = await u.api.req<{ id: string }>('POST', '/workspaces', { name: 'Kluis' });
      const started = Date.now();
      while (Date.now() - started < 3000) {
        const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
        const body = await res.text();
        assert.equal(res.status, 200, body);
        assert.deepEqual(JSON.parse(body), { status: 'ok', db: 'up', redis: 'off' });
        await new Promise((r) => setTimeout(r, 200));
      }
      const again = await u.api.req<{ name: string }>('GET', `/workspaces/${ws.id}`);
      assert.equal(again.name, 'Kluis');
    } finally {
      await server.stop();
    }
  },
);
