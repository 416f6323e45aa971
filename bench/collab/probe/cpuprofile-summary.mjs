/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) by package and by function, over a time
 * window: `node bench/collab/probe/cpuprofile-summary.mjs <file> [fromSeconds] [toSeconds]`.
 * Run the server under the profiler with BENCH_OURS_NODE_ARGS / BENCH_PEER_NODE_ARGS, e.g.
 * `BENCH_OURS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`.
 */
import { readFileSync } from 'node:fs';

const [file, fromS = '0', toS = '1e9'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-summary.mjs <file> [from s] [to s]');
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const category = (url) => {
  if (!url) return '(native)';
  const m = /node_modules\/\.pnpm\/([^/]+)\//.exec(url);
  if (m) return m[1].replace(/@\d[^_]*.*$/, '');
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  if (url.includes('/server/dist/')) return `server/${url.split('/server/dist/')[1]}`;
  return url;
};

let t = 0;
let total = 0;
const self = new Map();
const pkg = new Map();
const inclusive = new Map();
const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  const s = t / 1e6;
  if (s < Number(fromS) || s > Number(toS)) continue;
  const node = byId.get(p.samples[i]);
  const f = node.callFrame;
  if (f.functionName === '(idle)') continue;
  total++;
  add(self, `${f.functionName || '(anonymous)'} ${category(f.url)}:${f.lineNumber + 1}`);
  add(pkg, f.functionName.startsWith('(') ? f.functionName : category(f.url));
  const seen = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const c = category(byId.get(id).callFrame.url);
    if (!seen.has(c)) {
      seen.add(c);
      add(inclusive, c);
    }
  }
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`profile ${(t / 1e6).toFixed(1)} s; ${total} busy samples in [${fromS}, ${toS}] s`);
console.log(`--- self time by package\n${top(pkg, 25)}`);
console.log(`--- inclusive time by package\n${top(inclusive, 25)}`);
console.log(`--- self time by function\n${top(self, 30)}`);
