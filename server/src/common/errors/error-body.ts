import { HttpException } from '@nestjs/common';
import { ERROR_STATUS, ErrorCode, STATUS_TEXT, type ErrorBody } from '@coalesce/shared';
import { isDatabaseOutage } from './database-outage.util';
import { DomainError } from './domain-error';

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.VALIDATION_FAILED;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 409:
      return ErrorCode.CONFLICT;
    case 410:
      return ErrorCode.EXPIRED;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
  }
}

/**
 * Turns anything thrown into the contract's error body. Unknown errors become a 500 whose
 * message says nothing about internals; `internal` tells the caller to log it.
 */
export function toErrorBody(err: unknown): { body: ErrorBody; internal: boolean } {
  if (err instanceof DomainError) {
    const statusCode = ERROR_STATUS[err.code];
    return {
      body: {
        statusCode,
        error: STATUS_TEXT[statusCode] ?? 'Error',
        code: err.code,
        message: err.message,
        ...(err.details ? { details: err.details } : {}),
      },
      internal: false,
    };
  }
  if (err instanceof HttpException) {
    const statusCode = err.getStatus();
    const response = err.getResponse();
    let message = err.message;
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    const code =
      statusCode === 404 && /^Cannot \w+ /.test(message)
        ? ErrorCode.ROUTE_NOT_FOUND
        : codeForStatus(statusCode);
    if (code === ErrorCode.ROUTE_NOT_FOUND) message = 'No such route';
    const internal = statusCode >= 500;
    return {
      body: {
        statusCode,
        error: STATUS_TEXT[statusCode] ?? 'Error',
        code,
        message: internal ? 'Something went wrong on our side' : message,
      },
      internal,
    };
  }
  if (isDatabaseOutage(err)) {
    return {
      body: {
        statusCode: 503,
        error: STATUS_TEXT[503] ?? 'Service Unavailable',
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The database is unavailable; try again shortly',
      },
      internal: false,
    };
  }
  return {
    body: {
      statusCode: 500,
      error: STATUS_TEXT[500]!,
      code: ErrorCode.INTERNAL,
      message: 'Something went wrong on our side',
    },
    internal: true,
  };
}
