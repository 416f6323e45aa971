/**
 * Diagnostics (not part of the measured run): only the cold-load phase of the bench, for our
 * server. Fills a document with N updates, then restarts the server `runs` times and times the
 * first load after each restart and the load by a warm process once the document is unloaded.
 *
 *   npx tsx bench/collab/probe/cold-probe.ts [updates=10000] [runs=5]
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as Y from 'yjs';
import { median } from '../proc';
import { OursTarget } from '../targets';

const n = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const db =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

function until(doc: Y.Doc, pred: () => boolean): Promise<void> {
  if (pred()) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (!pred()) return;
      doc.off('update', on);
      resolve();
    };
    doc.on('update', on);
  });
}

async function timeLoad(t: OursTarget, doc: string): Promise<number> {
  const start = performance.now();
  const c = t.connect(doc);
  try {
    const arr = c.doc.getArray('cold');
    await c.synced;
    await until(c.doc, () => arr.length >= n);
    return performance.now() - start;
  } finally {
    c.destroy();
  }
}

const t = new OursTarget(db, '0');
try {
  await t.start();
  const doc = await t.newDoc();
  const filler = t.connect(doc);
  const watcher = t.connect(doc);
  await Promise.all([filler.synced, watcher.synced]);
  const arr = filler.doc.getArray<number>('cold');
  const watched = watcher.doc.getArray<number>('cold');
  const all = until(watcher.doc, () => watched.length >= n);
  for (let i = 0; i < n; i++) {
    arr.push([i]);
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  await all;
  filler.destroy();
  watcher.destroy();
  await sleep(500);
  const cold: number[] = [];
  const unloaded: number[] = [];
  for (let i = 0; i < runs; i++) {
    await t.restart();
    await sleep(300);
    cold.push(await timeLoad(t, doc));
    await sleep(3_000);
    unloaded.push(await timeLoad(t, doc));
  }
  const f = (v: number[]) =>
    `median ${median(v).toFixed(1)} ms (${v.map((x) => x.toFixed(1)).join(', ')})`;
  console.log(`cold: ${f(cold)}\nunloaded, warm process: ${f(unloaded)}`);
} finally {
  await t.stop();
  await t.cleanup();
}
