import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ErrorCode, LIMITS, STATUS_TEXT } from '@coalesce/shared';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../../config/config';
import { logger } from '../logging/logger';

/** Paths the SPA fallback must never answer. */
const NON_SPA = /^\/(api|socket\.io|collab)(\/|$)/;

/**
 * Express-level plumbing that runs before Nest's router: request ids and logs, cookies, the
 * JSON body parser (malformed → 400, oversize → 413, before anything else), and the built
 * client with SPA fallback.
 */
export function setupHttp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming)
            ? incoming
            : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );
  app.use(cookieParser());
  app.use(
    express.json({
      limit: LIMITS.bodyMaxBytes,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use((err: unknown, req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.too.large') {
      res.status(413).json({
        statusCode: 413,
        error: STATUS_TEXT[413],
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: `Request body is larger than ${LIMITS.bodyMaxBytes} bytes`,
        requestId: req.id,
      });
      return;
    }
    if (
      type === 'entity.parse.failed' ||
      type === 'charset.unsupported' ||
      type === 'encoding.unsupported'
    ) {
      res.status(400).json({
        statusCode: 400,
        error: STATUS_TEXT[400],
        code: ErrorCode.MALFORMED_JSON,
        message: 'Request body is not valid JSON',
        requestId: req.id,
      });
      return;
    }
    next(err);
  });

  const dist = config.http.clientDist;
  const index = join(dist, 'index.html');
  if (existsSync(index)) {
    app.use(
      express.static(dist, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => {
          if (path.includes(`${join(dist, 'assets')}`))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || NON_SPA.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  } else {
    logger.warn({ dist }, 'client build not found; serving the API only');
  }
}
