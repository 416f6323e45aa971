import { dropScratchDatabase } from '../src/common/database/test-database';
import type { EmbeddedPostgres } from '../src/common/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__COALESCE_DB__ as
    { base?: string; url: string; embedded?: EmbeddedPostgres } | undefined;
  const extra = (globalThis as Record<string, unknown>).__COALESCE_EMBEDDED__ as
    EmbeddedPostgres | undefined;
  await extra?.close();
  if (!db) return;
  if (db.embedded) await db.embedded.close();
  else if (db.base && !process.env.KEEP_TEST_DB) await dropScratchDatabase(db.base, db.url);
}
