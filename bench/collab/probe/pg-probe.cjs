/**
 * Diagnostics preload for OUR server (not used by the measured runs): counts and times every
 * PostgreSQL query and, with BENCH_PROBE_TRACE=1, logs each one with its start time, so a slow
 * cold load or a costly fan-out can be attributed. Summary written to BENCH_PROBE_OUT on exit.
 *
 *   BENCH_OURS_NODE_ARGS="-r ./bench/collab/probe/pg-probe.cjs" BENCH_PROBE_OUT=/tmp/probe.txt \
 *     npx tsx bench/collab/collab.bench.ts --servers=ours
 */
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { writeFileSync, appendFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const serverRequire = createRequire(join(__dirname, '..', '..', '..', 'server', 'package.json'));
const pg = serverRequire('pg');
const stats = new Map();
const out = process.env.BENCH_PROBE_OUT || '/tmp/coalesce-pg-probe.txt';
const trace = process.env.BENCH_PROBE_TRACE === '1';
const t0 = performance.now();

function record(text, start) {
  const ms = performance.now() - start;
  const key = String(text).replace(/\s+/g, ' ').slice(0, 90);
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += ms;
  stats.set(key, s);
  if (trace)
    appendFileSync(out + '.trace', `${(start - t0).toFixed(1)}\t${ms.toFixed(2)}\t${key}\n`);
}

const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  const start = performance.now();
  if (typeof values === 'function') {
    const cb = values;
    return original.call(this, config, (err, res) => (record(text, start), cb(err, res)));
  }
  if (typeof callback === 'function') {
    return original.call(
      this,
      config,
      values,
      (err, res) => (record(text, start), callback(err, res)),
    );
  }
  const result = original.call(this, config, values);
  if (result && typeof result.then === 'function') {
    result.then(
      () => record(text, start),
      () => record(text, start),
    );
  }
  return result;
};

if (trace) {
  const http = require('node:http');
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, ...rest) {
    if (event === 'upgrade') {
      appendFileSync(
        out + '.trace',
        `${(performance.now() - t0).toFixed(1)}\t-\tUPGRADE ${String(req.url).slice(0, 60)}\n`,
      );
    }
    return emit.call(this, event, req, ...rest);
  };
}

process.on('exit', () => {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const lines = rows.map(
    ([k, s]) => `${String(s.n).padStart(7)} ${s.ms.toFixed(1).padStart(9)} ms  ${k}`,
  );
  writeFileSync(out, `pid ${process.pid}\n   calls     total  query\n${lines.join('\n')}\n`, {
    flag: 'a',
  });
});
