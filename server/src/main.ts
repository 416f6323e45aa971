import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { runMigrations } from './common/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './common/database/embedded-postgres';
import { logger, setLogLevel } from './common/logging/logger';
import { createApp } from './app.factory';
import { startMetricsServer } from './common/metrics/metrics.http';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  setLogLevel(config.logLevel);

  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    const t = Date.now();
    embedded = await startEmbeddedPostgres(config.database.dataDir);
    url = embedded.url;
    logger.info(
      { dataDir: config.database.dataDir, ms: Date.now() - t },
      'embedded PostgreSQL ready',
    );
  }
  const applied = await runMigrations(url);
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const app = await createApp({ ...config, database: { ...config.database, url } });
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  logger.info({ url: `http://${config.http.host}:${port}` }, 'Coalesce is listening');
  const metricsServer =
    config.metrics.port !== undefined
      ? await startMetricsServer(config.metrics.port, config.http.host)
      : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      metricsServer?.close();
      await app.close();
      await embedded?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
});
