import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { runMigrations } from './common/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './common/database/embedded-postgres';
import { PinoNestLogger, logger, setLogLevel } from './common/logging/logger';
import { ConfigError, loadConfig } from './config/config';
import { DemoService } from './modules/demo/demo.service';
import { DEMO_PASSWORD } from './modules/demo/demo.network.util';

/**
 * `npm run demo [-- --email you@example.org]`: writes a demo network into the database
 * `npm start` uses (the embedded one in DATA_DIR, or DATABASE_URL), for an existing account or
 * for the demo coordinator account, and says how to sign in. Boots the application context
 * only (no HTTP); works whatever DEMO_ENABLED says (that switch is for the HTTP endpoint).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
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
  // Quiet unless asked: the summary below is what matters here.
  setLogLevel(process.env.LOG_LEVEL ? config.logLevel : 'warn');

  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.dataDir);
    url = embedded.url;
  }
  await runMigrations(url);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, database: { ...config.database, url } }),
    { logger: new PinoNestLogger(), abortOnError: false },
  );
  let code = 0;
  try {
    const demo = app.get(DemoService);
    let owner: { userId: string; email: string; created: boolean };
    if (values.email) {
      const userId = await demo.userIdByEmail(values.email);
      if (!userId) {
        process.stderr.write(
          `No account with the email ${values.email}: register first (npm start), or leave out --email to use the demo coordinator account.\n`,
        );
        code = 1;
        return;
      }
      owner = { userId, email: values.email, created: false };
    } else {
      owner = await demo.demoCoordinator();
    }
    const started = Date.now();
    const cpu = process.cpuUsage();
    const result = await demo.create(owner.userId);
    const used = process.cpuUsage(cpu);
    const lines = [
      `Demo network created in ${((Date.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU): "Kempen Speelt Samen (demo)" (${result.workspaceId}).`,
      '',
      `Start the app (npm start) and sign in as ${owner.email} with ${
        values.email ? 'your own password' : `the password ${DEMO_PASSWORD}`
      }${owner.created ? ' (account just created)' : ''}.`,
      `The partners' representatives are demo accounts, all with the password ${DEMO_PASSWORD}:`,
      ...result.accounts.map(
        (a) => `  ${a.email.padEnd(48)} ${a.displayName}${a.partner ? ` — ${a.partner}` : ''}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    logger.error({ err }, 'demo failed');
    code = 1;
  } finally {
    await app.close();
    await embedded?.close();
    process.exit(code);
  }
}

void main();
