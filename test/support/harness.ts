import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { createTestDatabase, startServer, type ServerHandle, type TestDatabase } from './server.ts';

export interface AppUnderTest {
  server: ServerHandle;
  browser: Browser;
}

/**
 * The built server on a fresh database and one Chromium, started before the file's tests and
 * torn down after them. Read `server` and `browser` inside tests (they exist from `before` on).
 */
export function appUnderTest(): AppUnderTest {
  const app = {} as AppUnderTest;
  let db: TestDatabase | undefined;
  before(async () => {
    db = await createTestDatabase();
    app.server = await startServer(db.env);
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.stop();
    await db?.drop();
  });
  return app;
}
