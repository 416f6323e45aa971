import type { z } from 'zod';

/**
 * One error vocabulary for the whole product. Services throw domain errors carrying one of
 * these codes; the HTTP and socket filters map them to a status. The client switches on them.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  CSRF_MISMATCH: 'CSRF_MISMATCH',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  CONFLICT: 'CONFLICT',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  ALREADY_MEMBER: 'ALREADY_MEMBER',
  LAST_COORDINATOR: 'LAST_COORDINATOR',
  INVITATION_USED: 'INVITATION_USED',
  EXPIRED: 'EXPIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  INVALID_STATE: 'INVALID_STATE',
  THREAD_RESOLVED: 'THREAD_RESOLVED',
  INTERNAL: 'INTERNAL',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code; the single source for the server's exception filter. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_MISMATCH: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ALREADY_MEMBER: 409,
  LAST_COORDINATOR: 409,
  INVITATION_USED: 409,
  INVALID_STATE: 409,
  THREAD_RESOLVED: 409,
  EXPIRED: 410,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Reason phrases used in the `error` field, as HTTP names them. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * One problem of a refused request. `message` is English for API clients; the other fields let a
 * client phrase it in its reader's language: `issue` is the validation issue's code (zod's:
 * `too_small`, `too_big`, `invalid_format`, `invalid_type`, …) with `limit`, `origin` (string,
 * number, array…) and `format` (email, url…); `rule` names the domain rule that refused it
 * (e.g. `reason_required`: a no vote needs a reason under consensus).
 */
export interface ErrorDetail {
  path: (string | number)[];
  message: string;
  issue?: string;
  limit?: number;
  origin?: string;
  format?: string;
  rule?: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.statusCode === 'number' && typeof v.code === 'string' && typeof v.message === 'string'
  );
}

/**
 * A zod issue as an error detail: the path, zod's English message, and what a client needs to
 * phrase it itself (the issue code and, when it has them, the limit, origin and format).
 */
export function errorDetailOfIssue(i: z.core.$ZodIssue, root?: string): ErrorDetail {
  const d: ErrorDetail = {
    path: [...(root ? [root] : []), ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
    issue: i.code,
  };
  if (i.code === 'too_small' || i.code === 'too_big') {
    const limit = Number(i.code === 'too_small' ? i.minimum : i.maximum);
    if (Number.isFinite(limit)) d.limit = limit;
    d.origin = i.origin;
  }
  if (i.code === 'invalid_format') d.format = i.format;
  if (i.code === 'invalid_type') d.origin = i.expected;
  // Our own refinements name their rule (`params: { rule }`), like the services' refusals do.
  if (i.code === 'custom' && typeof i.params?.rule === 'string') d.rule = i.params.rule;
  return d;
}
