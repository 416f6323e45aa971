import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../src/common/database/data-source';
import { startEmbeddedPostgres } from '../src/common/database/embedded-postgres';
import { createScratchDatabase } from '../src/common/database/test-database';

/**
 * One fresh database per test run, migrations applied, shared by all test files (each test
 * builds its own data). TEST_DATABASE_URL points at a real server to create it on; without it
 * the embedded PostgreSQL runs here, in the parent process, where PGlite can load.
 */
export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const base = process.env.TEST_DATABASE_URL;
  let url: string;
  if (base) {
    url = await createScratchDatabase(base);
    g.__COALESCE_DB__ = { base, url };
  } else {
    if (process.env.CI) throw new Error('TEST_DATABASE_URL must be set in CI');
    const dir = mkdtempSync(join(tmpdir(), 'coalesce-jest-'));
    const embedded = await startEmbeddedPostgres(dir);
    url = embedded.url;
    g.__COALESCE_DB__ = { embedded, url };
  }
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  // The embedded database's own spec (embedded-postgres.int-spec.ts) needs one in either mode;
  // PGlite only loads here, in the parent (Jest workers lack --experimental-vm-modules).
  if (base) {
    const dir = mkdtempSync(join(tmpdir(), 'coalesce-jest-embedded-'));
    const embedded = await startEmbeddedPostgres(dir);
    g.__COALESCE_EMBEDDED__ = embedded;
    process.env.EMBEDDED_DATABASE_URL = embedded.url;
  } else {
    process.env.EMBEDDED_DATABASE_URL = url;
  }
}
