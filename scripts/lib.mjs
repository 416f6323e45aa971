// Helpers shared by `npm start` and `npm test`: bootstrap pnpm, install and build only when
// something changed, so a second start is fast.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.4.2';

const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');

export function log(msg) {
  process.stderr.write(`\x1b[36m[coalesce]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function mustRun(cmd, args, opts = {}) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    log(`failed: ${cmd} ${args.join(' ')} (exit ${status})`);
    process.exit(status);
  }
}

/** pnpm via the project's own pinned copy, or via npx the first time (corepack fails here). */
export function pnpm(args, opts) {
  if (existsSync(localPnpm)) return run(localPnpm, args, opts);
  return run('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], opts);
}

function hashFiles(paths) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
        walk(join(p, name));
      }
    } else {
      h.update(relative(root, p));
      h.update(readFileSync(p));
    }
  };
  for (const p of paths) walk(join(root, p));
  return h.digest('hex');
}

const stampDir = join(root, 'node_modules', '.coalesce');

function stamped(name, hash) {
  const f = join(stampDir, name);
  return existsSync(f) && readFileSync(f, 'utf8') === hash;
}

function stamp(name, hash) {
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(join(stampDir, name), hash);
}

const manifests = [
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  ...['shared', 'server', 'client', 'test', 'bench'].map((p) => `${p}/package.json`),
];

export function ensureInstalled() {
  const hash = hashFiles(manifests);
  if (stamped('install', hash) && existsSync(localPnpm)) return;
  log('installing dependencies (pnpm install --frozen-lockfile)…');
  const status = pnpm(['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
  stamp('install', hash);
}

const buildInputs = [
  'tsconfig.base.json',
  'shared/src',
  'shared/tsconfig.json',
  'shared/tsconfig.build.json',
  'server/src',
  'server/tsconfig.build.json',
  'client/src',
  'client/public',
  'client/index.html',
  'client/vite.config.ts',
];

export function ensureBuilt({ force = false } = {}) {
  const hash = hashFiles([...manifests, ...buildInputs]);
  const outputs = ['shared/dist/index.js', 'server/dist/main.js', 'client/dist/index.html'];
  if (!force && stamped('build', hash) && outputs.every((o) => existsSync(join(root, o)))) return;
  log('building shared, server and client…');
  mustRun(localPnpm, ['--filter', '@coalesce/shared', 'run', 'build']);
  mustRun(localPnpm, ['--filter', '@coalesce/server', 'run', 'build']);
  mustRun(localPnpm, ['--filter', '@coalesce/client', 'run', 'build']);
  stamp('build', hash);
}

/** Runs a long-lived child and passes our signals on, so Ctrl-C and SIGTERM stop it cleanly. */
export function exec(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}
