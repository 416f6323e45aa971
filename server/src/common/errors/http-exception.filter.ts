import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logger } from '../logging/logger';
import { OUTAGE_RETRY_AFTER_SECONDS } from './database-outage.util';
import { toErrorBody } from './error-body';

/** The one place HTTP errors are shaped. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { body, internal } = toErrorBody(exception);
    if (internal) logger.error({ err: exception, reqId: req.id }, 'unhandled error');
    else if (body.statusCode === 503)
      logger.warn({ err: exception, reqId: req.id }, 'database unavailable');
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    if (body.statusCode === 429 && exception && typeof exception === 'object') {
      const retry = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(body.statusCode).json({ ...body, ...(req.id ? { requestId: req.id } : {}) });
  }
}
