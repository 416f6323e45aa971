/**
 * `node dist/common/validation/openapi-tool.js write|check` (via the package scripts).
 * Builds the app in Nest's preview mode (nothing instantiated, no database) and takes the same
 * OpenAPI document the server serves at /api/docs-json: `write` commits it as
 * server/openapi.json, `check` fails when the committed file differs (CI's drift check) or when
 * an operation lacks a summary or a success response.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApp } from '../../app.factory';
import { loadConfig } from '../../config/config';
import { setLogLevel } from '../logging/logger';
import { buildOpenApiDocument, documentProblems, openApiJson } from './openapi-document';

const FILE = resolve(__dirname, '../../../openapi.json');

async function generate(): Promise<OpenAPIObject> {
  // A fixed configuration, never the caller's environment: the document must not depend on it.
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' });
  setLogLevel('error');
  const config = {
    ...loaded,
    database: { ...loaded.database, url: 'postgres://unused@127.0.0.1:1/unused' },
  };
  const app = await createApp(config, { preview: true });
  try {
    // createApp already built it once for /api/docs; building again proves it is repeatable.
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

type Ops = Map<string, string>;

/** `METHOD /path` → its JSON, and schema name → its JSON, for the drift summary. */
function index(doc: Partial<OpenAPIObject>): { ops: Ops; schemas: Ops; rest: string } {
  const ops: Ops = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, unknown>)) {
      ops.set(`${method.toUpperCase()} ${path}`, JSON.stringify(op));
    }
  }
  const schemas: Ops = new Map(
    Object.entries(doc.components?.schemas ?? {}).map(([k, v]) => [k, JSON.stringify(v)]),
  );
  const { paths: _p, components, ...rest } = doc;
  const { schemas: _s, ...otherComponents } = components ?? {};
  return { ops, schemas, rest: JSON.stringify({ ...rest, otherComponents }) };
}

function diffLines(kind: string, before: Ops, after: Ops): string[] {
  const lines: string[] = [];
  for (const k of after.keys()) if (!before.has(k)) lines.push(`  + ${kind} ${k}`);
  for (const k of before.keys()) if (!after.has(k)) lines.push(`  - ${kind} ${k}`);
  for (const [k, v] of after)
    if (before.has(k) && before.get(k) !== v) lines.push(`  ~ ${kind} ${k}`);
  return lines;
}

async function main(): Promise<void> {
  const cmd = process.argv[2];
  if (cmd !== 'write' && cmd !== 'check') {
    process.stderr.write('usage: openapi-tool write | check\n');
    process.exit(2);
  }
  const doc = await generate();
  const json = openApiJson(doc);
  const problems = documentProblems(doc);
  if (cmd === 'write') {
    writeFileSync(FILE, json);
    process.stdout.write(
      `openapi: wrote server/openapi.json (${Object.keys(doc.paths).length} paths)\n`,
    );
    if (problems.length) {
      process.stderr.write(`openapi: fix before committing:\n  ${problems.join('\n  ')}\n`);
    }
    return;
  }
  let failed = false;
  const committed = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  if (committed !== json) {
    failed = true;
    const before = index(committed ? (JSON.parse(committed) as OpenAPIObject) : {});
    const after = index(doc);
    const lines = [
      ...diffLines('path', before.ops, after.ops),
      ...diffLines('schema', before.schemas, after.schemas),
      ...(before.rest !== after.rest ? ['  ~ info/servers/security/tags'] : []),
    ];
    process.stderr.write(
      `openapi: server/openapi.json is out of date (+ added, - removed, ~ changed):\n${
        lines.length ? lines.join('\n') : '  (formatting only)'
      }\nRun "pnpm --filter @coalesce/server openapi:write" and commit server/openapi.json.\n`,
    );
  }
  if (problems.length) {
    failed = true;
    process.stderr.write(`openapi: incomplete operations:\n  ${problems.join('\n  ')}\n`);
  }
  if (failed) process.exit(1);
  process.stdout.write('openapi: server/openapi.json matches the routes\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
