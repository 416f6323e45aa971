import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AUTH_COOKIES, ErrorCode, LIMITS, STATUS_TEXT } from '@coalesce/shared';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import express, { type NextFunction, type Request, type Response } from 'express';
import { stdSerializers } from 'pino-http';
import type { AppConfig } from '../../config/config';
import { logger, requestContext } from '../logging/logger';
import { serveClient, setupCompression } from './client-assets.setup';
import { httpMetrics, metricsEndpoint } from '../metrics/metrics.http';
import { originPolicy } from './origin.util';
import {
  BAD_STRING_MESSAGE,
  badPathSegment,
  badQueryParam,
  findBadString,
} from '../validation/strings.util';

/** Request logs: `req`, `res` and `err` serialised as pino-http does, only when written. */
const httpLogger = logger.child(
  {},
  { serializers: { req: stdSerializers.req, res: stdSerializers.res, err: stdSerializers.err } },
);

/** The level of a finished request's log line: 5xx error, 4xx info, the rest debug. */
const levelOf = (status: number) => (status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug');

/**
 * Request id (`x-request-id`, echoed or generated) and one log line per finished request, in
 * pino-http's format ('request completed' / 'request errored', req, res, responseTime). Unlike
 * pino-http it serialises the request (headers and all) only when the line is written: at the
 * production level (info) a 2xx costs no serialisation at all.
 */
function requestLogging(req: Request & { id?: string }, res: Response, next: NextFunction) {
  const incoming = req.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('x-request-id', id);
  if (req.url === '/api/health') return requestContext.run(id, next);
  const started = Date.now();
  const done = () => {
    res.off('close', done);
    res.off('finish', done);
    const level = levelOf(res.statusCode);
    if (!httpLogger.isLevelEnabled(level)) return;
    const responseTime = Date.now() - started;
    if (res.statusCode >= 500) {
      httpLogger[level](
        { req, res, err: new Error(`failed with status code ${res.statusCode}`), responseTime },
        'request errored',
      );
    } else {
      httpLogger[level](
        { req, res, responseTime },
        !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted',
      );
    }
  };
  res.on('close', done);
  res.on('finish', done);
  requestContext.run(id, next);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * helmet's headers with a CSP the client passes: scripts and everything else from our origin,
 * inline styles (carets and React set colours), websockets for collaboration and socket.io.
 * The OpenAPI UI (`/api/docs`) runs inline scripts: it keeps the other headers, not the CSP.
 */
function securityHeaders(config: AppConfig) {
  const https = config.http.publicUrl?.startsWith('https://') ?? false;
  const withCsp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https,
  });
  const withoutCsp = helmet({ contentSecurityPolicy: false, strictTransportSecurity: https });
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') ? withoutCsp : withCsp)(req, res, next);
}

/**
 * Express-level plumbing that runs before Nest's router: request ids and logs, cookies, the
 * compression, the JSON body parser (malformed → 400, oversize → 413, before anything else),
 * and the built client with SPA fallback.
 */
export function setupHttp(app: NestExpressApplication, config: AppConfig): void {
  // TRUST_PROXY (default: none): whose X-Forwarded-For decides `req.ip` (rate limits, logs).
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(requestLogging);
  app.use(httpMetrics);
  if (config.metrics.token) {
    const scrape = metricsEndpoint(config.metrics.token);
    app.use((req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' && req.path === '/metrics' ? void scrape(req, res) : next(),
    );
  }
  app.use(securityHeaders(config));
  setupCompression(app);
  app.use(cookieParser());
  // A browser on another origin must not use the session cookie to change anything (CSRF
  // tokens aside): unsafe cookie-authenticated requests need an allowed Origin when one is sent.
  const originAllowed = originPolicy(config);
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    if (
      SAFE_METHODS.has(req.method) ||
      req.headers.authorization ||
      !req.headers.cookie?.includes(`${AUTH_COOKIES.session}=`) ||
      originAllowed(req.headers.origin, req.headers.host)
    ) {
      return next();
    }
    res.status(403).json({
      statusCode: 403,
      error: STATUS_TEXT[403],
      code: ErrorCode.FORBIDDEN,
      message: 'Requests from this origin may not use the session cookie',
      requestId: req.id,
    });
  });
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
  // The body parser goes on from the request stream's callbacks; whatever context those run in,
  // enter the request's again so everything downstream (Nest, services) logs its id.
  app.use((req: Request & { id?: string }, _res: Response, next: NextFunction) =>
    req.id ? requestContext.run(req.id, next) : next(),
  );
  // The string rule (see strings.util): 400 naming the field, before anything reads the input.
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const segment = badPathSegment(req.path);
    const query = badQueryParam(req.originalUrl.split('?')[1] ?? '');
    const path =
      segment !== null
        ? ['path', segment]
        : query !== null
          ? ['query', query]
          : findBadString(req.body as unknown, ['body']);
    if (!path) return next();
    const where = path.map((p) => (typeof p === 'string' ? p.replace(/[^\x20-\x7e]/g, '?') : p));
    res.status(400).json({
      statusCode: 400,
      error: STATUS_TEXT[400],
      code: ErrorCode.VALIDATION_FAILED,
      message: `Invalid input (${where.join('.')}: ${BAD_STRING_MESSAGE})`,
      details: [{ path: where, message: BAD_STRING_MESSAGE }],
      requestId: req.id,
    });
  });

  serveClient(app, config);
}
