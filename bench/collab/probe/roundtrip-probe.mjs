/**
 * The CPU one PostgreSQL commit round trip costs the process that waits for it, on this
 * machine, at the fan-out's pace: the floor under "server CPU per update" for any server that
 * commits each update before broadcasting it. Run by collab.bench.ts pinned to the server's
 * core (so it pays what a server there pays):
 *
 *   node roundtrip-probe.mjs <database url> <rate per s> <seconds>
 *
 * Two kinds of tick at `rate`, interleaved in four blocks (idle, commit, idle, commit): an idle
 * tick only wakes the process (what an in-memory server's update costs it besides its own
 * work); a commit tick also sends one INSERT … RETURNING of a small bytea as a named prepared
 * statement on one dedicated connection (as our update log does) and waits for its answer. The
 * difference of their CPU per tick (utime + stime from /proc/self/schedstat, in ns, precise) is
 * the round trip's cost to the client. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const [url, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 50);
const seconds = Number(secondsArg ?? 4);
const runtimeNs = () => Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[0]);

const client = new pg.Client({ connectionString: url, application_name: 'bench-roundtrip' });
await client.connect();
await client.query(
  'CREATE TEMP TABLE roundtrip_probe (id bigserial PRIMARY KEY, "update" bytea NOT NULL)',
);
const payload = Buffer.alloc(32, 7);
const insert = {
  name: 'roundtrip_probe_insert',
  text: 'INSERT INTO roundtrip_probe ("update") VALUES ($1) RETURNING id',
  values: [payload],
};

/** CPU µs per tick over `seconds` of ticks at `rate`. */
async function block(commit) {
  const n = Math.max(1, Math.round(seconds * rate));
  const interval = 1000 / rate;
  const start = performance.now();
  const before = runtimeNs();
  for (let i = 0; i < n; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    if (commit) await client.query(insert);
  }
  return (runtimeNs() - before) / 1000 / n;
}

await block(true); // warm-up: statement prepared, code compiled
const idle = [];
const commit = [];
for (let i = 0; i < 2; i++) {
  idle.push(await block(false));
  commit.push(await block(true));
}
await client.end();
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
process.stdout.write(
  JSON.stringify({
    idleUs: mean(idle),
    commitUs: mean(commit),
    roundTripUs: mean(commit) - mean(idle),
  }) + '\n',
);
