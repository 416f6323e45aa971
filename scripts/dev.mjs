// `npm run dev`: server rebuilt and restarted on change, client with Vite's hot reload.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, log, mustRun, root } from './lib.mjs';

ensureInstalled();
const bin = (name) => join(root, 'node_modules', '.bin', name);
mustRun(bin('pnpm'), ['--filter', '@coalesce/shared', 'run', 'build']);
mustRun(bin('pnpm'), ['--filter', '@coalesce/server', 'run', 'build']);

const children = [];
function start(name, cmd, args, cwd, env = {}) {
  const child = spawn(cmd, args, {
    cwd: join(root, cwd),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const pipe = (stream, out) =>
    stream.on('data', (b) => out.write(b.toString().replace(/^(?=.)/gm, prefix)));
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  children.push(child);
}

start('shared', bin('tsc'), ['-w', '--preserveWatchOutput', '-p', 'tsconfig.build.json'], 'shared');
start('tsc', bin('tsc'), ['-w', '--preserveWatchOutput', '-p', 'tsconfig.build.json'], 'server');
start('server', process.execPath, ['--watch', 'dist/main.js'], 'server', {
  NODE_ENV: 'development',
  DATA_DIR: process.env.DATA_DIR ?? join(root, '.data'),
});
start('client', bin('vite'), [], 'client');
log('dev: API on http://localhost:3000, client with hot reload on http://localhost:5173');

const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 500);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
