import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { loadConfig } from '../src/config/config';
import { AppModule } from '../src/app.module';
import { configureApp, createApp, nestAppOptions } from '../src/app.factory';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra modules, e.g. one providing COLLAB_OPTIONS (smaller collab tunables). */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** Replaces providers of the real graph (e.g. the collab authenticator for protocol tests). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/**
 * The whole application on a random loopback port against the run's test database.
 * `env` overrides configuration the way an operator would (e.g. rate limits).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL not set: globalSetup did not run');
  const loaded = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // Every test file registers users from 127.0.0.1: keep the per-IP limit out of the way.
    RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
    // Likewise creates and failed logins (per user / per address, in one shared database).
    RATE_LIMIT_CREATES_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_ADDRESS: '1000000',
    ...env,
    DATABASE_URL: url,
  });
  const config = { ...loaded, database: { ...loaded.database, url } };
  let app: NestExpressApplication;
  if (options.override) {
    const builder = Test.createTestingModule({
      imports: [AppModule.forRoot(config, options.imports)],
    });
    const moduleRef = await options.override(builder).compile();
    app = configureApp(
      moduleRef.createNestApplication<NestExpressApplication>(nestAppOptions()),
      config,
    );
  } else {
    app = await createApp(config, { imports: options.imports });
  }
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => app.close(),
  };
}
