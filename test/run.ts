// Runs every *.test.ts under journeys/ (and other suites) with node's test runner, one file at
// a time: each starts its own server process and browser, and this machine has two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const here = import.meta.dirname;
const args = process.argv.slice(2);
function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : find(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}
const files = find(here)
  .map((f) => relative(here, f))
  .filter((f) => args.length === 0 || args.some((a) => f.includes(a)))
  .sort();
if (files.length === 0) {
  console.error('no e2e test files matched');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-force-exit',
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: here, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
