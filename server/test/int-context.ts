import { Test, type TestingModule } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/config';

/**
 * The whole module graph (no HTTP listener) on the run's test database, for *.int-spec.ts:
 * get real services with `ctx.get(MembersService)`.
 */
export async function startIntContext(env: Record<string, string> = {}): Promise<TestingModule> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL not set: globalSetup did not run');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, DATABASE_URL: url });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ ...config, database: { ...config.database, url } })],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}
