/**
 * What an idle server costs: CPU (utime + stime from /proc) and PostgreSQL transactions per
 * second of our server with no client at all, after its start has settled. Every figure of the
 * collaboration bench includes this background cost (the sweeps), so it is measured on its own.
 * The server is pinned to core 0 like in collab.bench.ts.
 *
 *   npx tsx bench/collab/idle.bench.ts                  # ours, 3 rounds of 30 s
 *   BENCH_SERVERS=ours,baseline npx tsx bench/collab/idle.bench.ts
 *
 * Settings: BENCH_SECONDS (30) measured per round after BENCH_SETTLE_SECONDS (60: the first minute after a start still compiles and collects) of start-up,
 * BENCH_ROUNDS (3, servers interleaved), BENCH_SERVERS (ours; `baseline` is the build in
 * server/dist-before, see collab.bench.ts), BENCH_DATABASE_URL / TEST_DATABASE_URL (a scratch
 * database is created and dropped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clockTicks, cpuTimes, machine, median } from './proc';
import { OursTarget, repoRoot } from './targets';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const settle = Number(process.env.BENCH_SETTLE_SECONDS ?? 60);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const servers = (process.env.BENCH_SERVERS ?? 'ours').split(',').map((s) => s.trim());
const db =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log(`environment: ${machine()}; load average ${loadavg()}`);
const results = new Map<string, { cpuMsPerS: number[]; commitsPerS: number[] }>();
for (let round = 1; round <= rounds; round++) {
  for (const key of servers) {
    const main =
      key === 'baseline'
        ? (process.env.BENCH_BASELINE_MAIN ?? join(repoRoot, 'server', 'dist-before', 'main.js'))
        : undefined;
    const t = new OursTarget(db, '0', {}, main);
    try {
      await t.start();
      await sleep(settle * 1000);
      const cpu0 = cpuTimes(t.pid())!;
      const commits0 = await t.commits();
      await sleep(seconds * 1000);
      const cpu1 = cpuTimes(t.pid())!;
      const commits1 = await t.commits();
      const ticks = cpu1.user + cpu1.sys - cpu0.user - cpu0.sys;
      const cpuMsPerS = ((ticks / clockTicks()) * 1000) / seconds;
      // Minus the two reads of the counter itself.
      const commitsPerS = (commits1 - commits0 - 2) / seconds;
      const r = results.get(key) ?? { cpuMsPerS: [], commitsPerS: [] };
      r.cpuMsPerS.push(cpuMsPerS);
      r.commitsPerS.push(commitsPerS);
      results.set(key, r);
      console.log(
        `round ${round} ${key}: CPU ${cpuMsPerS.toFixed(2)} ms/s, ` +
          `${commitsPerS.toFixed(2)} PostgreSQL transactions/s; load average ${loadavg()}`,
      );
    } finally {
      await t.stop().catch(() => t.kill());
      await t.cleanup();
    }
  }
}
console.log(
  `\nIdle server, ${seconds} s after ${settle} s of start-up, median of ${rounds} rounds:`,
);
console.log('| server | CPU ms per s | PostgreSQL transactions per s |');
console.log('| --- | --: | --: |');
for (const [key, r] of results) {
  console.log(
    `| ${key} | ${median(r.cpuMsPerS).toFixed(2)} | ${median(r.commitsPerS).toFixed(2)} |`,
  );
}
process.exit(0);
