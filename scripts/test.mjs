// `npm test`: every check the project has, in the order that fails fastest.
//   npm test               everything
//   npm test -- --only=server,client,e2e,static   a subset
import { ensureBuilt, ensureInstalled, log, pnpm, root, run } from './lib.mjs';
import { join } from 'node:path';

const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const want = (step) => !only || only.has(step);

ensureInstalled();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];
const step = (name, fn) => {
  const t = Date.now();
  log(`▶ ${name}`);
  const status = fn();
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  results.push({ name, ok: status === 0, secs });
  if (status !== 0) log(`✗ ${name} failed (${secs}s)`);
  return status === 0;
};

if (want('static')) {
  step('format (prettier --check)', () =>
    run(bin('prettier'), ['--check', '--log-level=warn', '.']),
  );
  step('lint (eslint)', () => run(bin('eslint'), ['.', '--max-warnings=0']));
}
ensureBuilt();
if (want('static')) {
  step('typecheck', () => pnpm(['-r', 'run', 'typecheck']));
  step('migrations agree with entities', () =>
    run('node', ['dist/common/database/migration-tool.js', 'check'], { cwd: join(root, 'server') }),
  );
  step('OpenAPI document up to date (server/openapi.json)', () =>
    run('node', ['dist/common/validation/openapi-tool.js', 'check'], { cwd: join(root, 'server') }),
  );
}
if (want('server'))
  step('shared (vitest)', () =>
    run(bin('pnpm'), ['--filter', '@coalesce/shared', 'exec', 'vitest', 'run']),
  );
if (want('server'))
  step('server (jest)', () =>
    run(bin('pnpm'), ['--filter', '@coalesce/server', 'exec', 'jest', '--ci']),
  );

if (want('client'))
  step('client (vitest)', () =>
    run(bin('pnpm'), ['--filter', '@coalesce/client', 'exec', 'vitest', 'run']),
  );
if (want('client'))
  step('client bundle budget (bench/client/bundle.mjs --check, nl and en)', () =>
    ['nl', 'en'].reduce(
      (status, locale) =>
        status ||
        run('node', [join(root, 'bench/client/bundle.mjs'), '--check', '--locale', locale]),
      0,
    ),
  );
if (want('e2e'))
  step('e2e (real browser, processes)', () =>
    run(bin('pnpm'), ['--filter', '@coalesce/e2e', 'run', 'test']),
  );

const failed = results.filter((r) => !r.ok);
process.stderr.write('\n');
for (const r of results) log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.secs}s)`);
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
