import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../src/config/config';
import { createApp } from '../src/app.factory';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The whole application on a random loopback port against the run's test database.
 * `env` overrides configuration the way an operator would (e.g. rate limits); `imports` adds
 * modules, e.g. one providing a test COLLAB_AUTHENTICATOR.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { imports?: NonNullable<ModuleMetadata['imports']> } = {},
): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL not set: globalSetup did not run');
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // Every test file registers users from 127.0.0.1: keep the per-IP limit out of the way.
    RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
    ...env,
    DATABASE_URL: url,
  });
  const app = await createApp({ ...config, database: { ...config.database, url } }, options);
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
