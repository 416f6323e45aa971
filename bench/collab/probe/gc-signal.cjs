/**
 * Preload for the scale bench's memory figures (`node --expose-gc -r <this>`): on SIGUSR2, a
 * full garbage collection, then `process.memoryUsage()` written to
 * /tmp/coalesce-bench-mem-<pid>.json, so that what is read is what is live, not what the
 * collector has not got round to yet.
 */
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  writeFileSync(
    `/tmp/coalesce-bench-mem-${process.pid}.json`,
    JSON.stringify(process.memoryUsage()),
  );
});
