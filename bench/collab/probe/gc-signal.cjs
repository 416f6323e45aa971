/**
 * Preload for the scale bench's memory figures (`node --expose-gc -r <this>`): a full garbage
 * collection on SIGUSR2, so the RSS read afterwards is what is live, not what the collector
 * has not got round to yet.
 */
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
});
