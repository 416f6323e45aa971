import { ErrorCode, type ErrorDetail } from '@coalesce/shared';

/**
 * What services throw. It names a rule that was broken, not an HTTP status: the HTTP filter and
 * the socket filter both map the code to a status with the table in `shared/`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') =>
  new DomainError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, code: ErrorCode = ErrorCode.CONFLICT) =>
  new DomainError(code, message);
/** A 400 naming the field; `rule` lets clients phrase the broken rule in their language. */
export const invalid = (path: (string | number)[], message: string, rule?: string) =>
  new DomainError(ErrorCode.VALIDATION_FAILED, `${path.join('.')}: ${message}`, [
    { path, message, ...(rule ? { rule } : {}) },
  ]);

/** 429 with the seconds after which the caller may try again (sent as `Retry-After`). */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts; try again later',
  ) {
    super(ErrorCode.RATE_LIMITED, message);
  }
}
