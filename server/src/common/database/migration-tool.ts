/**
 * `node dist/common/database/migration-tool.js check|generate <Name>` (via the package scripts).
 * Both run against a scratch database with every existing migration applied, then compare it
 * with the entities: `check` fails on any difference (CI's drift check), `generate` writes the
 * difference as a new migration for review.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pendingSchemaChanges, runMigrations } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createScratchDatabase, dropScratchDatabase } from './test-database';

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const url = await createScratchDatabase(base, 'coalesce_migrations');
    try {
      return await fn(url);
    } finally {
      await dropScratchDatabase(base, url);
    }
  }
  const embedded = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'coalesce-mig-')));
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.close();
  }
}

const q = (sql: string) =>
  '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

async function main(): Promise<void> {
  const [cmd, name] = process.argv.slice(2);
  if (cmd !== 'check' && cmd !== 'generate') {
    process.stderr.write('usage: migration-tool check | generate <PascalCaseName>\n');
    process.exit(2);
  }
  const changes = await withScratchDatabase(async (url) => {
    await runMigrations(url);
    return pendingSchemaChanges(url);
  });
  if (cmd === 'check') {
    if (changes.up.length) {
      process.stderr.write(
        `Entities and migrations disagree. Run "pnpm --filter @coalesce/server migration:generate <Name>".\nPending:\n${changes.up.join(';\n')}\n`,
      );
      process.exit(1);
    }
    process.stdout.write('migrations: entities and migrations agree\n');
    return;
  }
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    process.stderr.write('generate needs a PascalCase name\n');
    process.exit(2);
  }
  if (!changes.up.length) {
    process.stdout.write('No schema changes: nothing generated\n');
    return;
  }
  const ts = Date.now();
  const cls = `${name}${ts}`;
  const srcDir = resolve(__dirname, '../../../src/migrations');
  const file = `${ts}-${name}`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${changes.up.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${changes.down.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }
}
`;
  writeFileSync(join(srcDir, `${file}.ts`), body);
  const indexPath = join(srcDir, 'index.ts');
  let index = readFileSync(indexPath, 'utf8');
  index = `import { ${cls} } from './${file}';\n` + index;
  index = index.replace(/\[([^\]]*)\];/, (_m, list: string) => {
    const items = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    items.push(cls);
    return `[\n  ${items.join(',\n  ')},\n];`;
  });
  writeFileSync(indexPath, index);
  process.stdout.write(
    `Wrote src/migrations/${file}.ts — review it (a column change may be DROP + ADD).\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
