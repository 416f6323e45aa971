/**
 * Whether an error means "the database is unreachable right now" (not "the query was wrong"):
 * connection refused/reset/terminated, the server shutting down or not accepting connections,
 * a pool that could not connect in time. Such a request failed through no fault of its own and
 * may be retried: 503 with Retry-After, never 500.
 */
const SQLSTATE = /^(08|57P0[1-4]|53300|53400)/;
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)|Client was closed and is not queryable|Connection closed/i;

/**
 * TypeORM releases a transaction's query runner when its connection errors; the transaction's
 * next statement then fails with this (the connection loss surfaced one step later).
 */
const LOST_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

export function isDatabaseOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof e.name === 'string' && LOST_RUNNER.has(e.name)) return true;
  if (typeof e.code === 'string' && (SQLSTATE.test(e.code) || NODE_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isDatabaseOutage(e.driverError, depth + 1) || isDatabaseOutage(e.cause, depth + 1);
}

/** Seconds a client should wait before retrying after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;
