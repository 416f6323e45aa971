import { Body, Controller, Injectable, Module, Post } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { logger, requestContext, setLogLevel } from './logger';

/** A service that logs after real asynchronous work (a database round trip). */
@Injectable()
class EchoService {
  constructor(private readonly dataSource: DataSource) {}

  async echo(text: string): Promise<string> {
    await this.dataSource.query('SELECT 1');
    logger.info({ text }, 'request-context probe');
    return text;
  }
}

@Controller('request-context-probe')
class EchoController {
  constructor(private readonly echo: EchoService) {}

  @Public()
  @Post()
  async post(@Body() body: { text: string }): Promise<{ text: string }> {
    return { text: await this.echo.echo(body.text) };
  }
}

@Module({ controllers: [EchoController], providers: [EchoService] })
class ProbeModule {}

describe('request ids in service logs (e2e)', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  const streamSym = pino.symbols.streamSym as unknown as keyof typeof logger;
  let original: unknown;

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [ProbeModule] });
    original = logger[streamSym];
    // Tap the root stream (child loggers inherit it) and let info lines through.
    (logger as unknown as Record<PropertyKey, unknown>)[streamSym] = {
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    };
    setLogLevel('info');
  });
  afterAll(async () => {
    setLogLevel('warn');
    (logger as unknown as Record<PropertyKey, unknown>)[streamSym] = original;
    await t.close();
  });

  it("a line a service writes while serving a request carries that request's x-request-id", async () => {
    const a = await request(t.app.getHttpServer())
      .post('/api/request-context-probe')
      .set('x-request-id', 'probe-a')
      .send({ text: 'first' })
      .expect(201);
    expect(a.headers['x-request-id']).toBe('probe-a');
    // Concurrent requests keep their own ids; a generated id works the same way.
    const [b, c] = await Promise.all([
      request(t.app.getHttpServer())
        .post('/api/request-context-probe')
        .set('x-request-id', 'probe-b')
        .send({ text: 'second' }),
      request(t.app.getHttpServer()).post('/api/request-context-probe').send({ text: 'third' }),
    ]);
    const probe = (text: string) =>
      lines.find((l) => l.msg === 'request-context probe' && l.text === text);
    expect(probe('first')?.reqId).toBe('probe-a');
    expect(probe('second')?.reqId).toBe(b.headers['x-request-id']);
    expect(probe('third')?.reqId).toBe(c.headers['x-request-id']);
    expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lines written outside any request, or detached from it, carry no request id', async () => {
    logger.info('outside');
    await requestContext.run('probe-c', () =>
      requestContext.detached(async () => {
        await Promise.resolve();
        logger.info('detached');
      }),
    );
    expect(lines.find((l) => l.msg === 'outside')).not.toHaveProperty('reqId');
    expect(lines.find((l) => l.msg === 'detached')).not.toHaveProperty('reqId');
  });
});
