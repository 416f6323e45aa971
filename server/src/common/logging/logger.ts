import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';

/**
 * The request being served, carried through every await of its handling (set by the request
 * logging middleware in http.setup.ts), so a line a service logs names the request it serves.
 */
const requestStore = new AsyncLocalStorage<{ reqId: string }>();

export const requestContext = {
  run<T>(reqId: string, fn: () => T): T {
    return requestStore.run({ reqId }, fn);
  },
  reqId(): string | undefined {
    return requestStore.getStore()?.reqId;
  },
  /** Runs `fn` outside any request: for background work a request merely wakes up. */
  detached<T>(fn: () => T): T {
    return requestStore.exit(fn);
  },
};

/**
 * Structured JSON logs; level from LOG_LEVEL (tests default to warn to keep output readable).
 * Every line written while a request is served carries its id as `reqId`.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: 'coalesce' },
  mixin: () => {
    const reqId = requestStore.getStore()?.reqId;
    return reqId ? { reqId } : {};
  },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
});

export function setLogLevel(level: string): void {
  logger.level = level;
}

/** Nest's own messages go through pino too. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string) {
    logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    logger.trace({ context }, String(message));
  }
}
