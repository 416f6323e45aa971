import 'reflect-metadata';
import type { ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';
import { setupHttp } from './common/http/http.setup';
import { originPolicy } from './common/http/origin.util';
import { PinoNestLogger } from './common/logging/logger';
import { AppIoAdapter } from './common/realtime/io.adapter';
import { buildOpenApiDocument } from './common/validation/openapi-document';

export type ResolvedConfig = AppConfig & { database: { url: string } };

/**
 * Builds the whole application (HTTP API, docs, static client) without listening, so `main.ts`
 * and the e2e tests start exactly the same thing. `preview` instantiates nothing (no database
 * connection): enough for `openapi-tool` to read the routes, not to serve them.
 */
export async function createApp(
  config: ResolvedConfig,
  options: { imports?: NonNullable<ModuleMetadata['imports']>; preview?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.imports),
    { ...nestAppOptions(), ...(options.preview ? { preview: true } : {}) },
  );
  return configureApp(app, config);
}

export const nestAppOptions = (): NestApplicationOptions => ({
  bodyParser: false,
  logger: new PinoNestLogger(),
  abortOnError: false,
});

/** Everything after the module graph: HTTP setup, socket.io adapter, prefix, OpenAPI. */
export function configureApp(
  app: NestExpressApplication,
  config: ResolvedConfig,
): NestExpressApplication {
  setupHttp(app, config);
  // A slow client may hold a connection only this long for its headers / its whole request
  // (Node's defaults: 1 and 5 minutes). Responses (e.g. streamed exports) are not limited.
  const server = app.getHttpServer() as import('node:http').Server;
  server.headersTimeout = config.http.headersTimeoutMs;
  server.requestTimeout = Math.max(config.http.requestTimeoutMs, config.http.headersTimeoutMs);
  app.useWebSocketAdapter(new AppIoAdapter(app, config.redis, originPolicy(config)));
  app.setGlobalPrefix('api');
  // The same document `openapi-tool` commits as server/openapi.json.
  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Coalesce API',
  });
  return app;
}
