import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine(
      (v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)),
      `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

/**
 * express's `trust proxy`: `false` (default: the socket address is the client), `true`, a hop
 * count, or a comma-separated list of addresses, subnets or `loopback`/`linklocal`/`uniquelocal`.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((v): boolean | number | string[] => {
    if (v === '' || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    return v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  });

/**
 * Every environment variable the server reads, parsed once at start. A bad value stops the
 * start with a message naming the variable; nothing else reads process.env.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - only (at most 64)')
    .default('coalesce:'),
  REDIS_FALLBACK_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  SESSION_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  CLIENT_DIST: z.string().trim().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_MINUTES: positiveInt(15),
  SESSION_TTL_HOURS: positiveInt(24 * 14),
  RATE_LIMIT_LOGIN_FAILURES: positiveInt(10),
  RATE_LIMIT_REGISTER_PER_HOUR: positiveInt(300),
  RATE_LIMIT_LOGIN_PER_ADDRESS: positiveInt(30),
  RATE_LIMIT_CREATES_PER_MINUTE: positiveInt(30),
  TRUST_PROXY: trustProxy,
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  METRICS_PORT: port.optional(),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  COLLAB_AUTH_TIMEOUT_MS: positiveInt(5_000),
  COLLAB_PREAUTH_MAX_BYTES: positiveInt(16 * 1024),
  COLLAB_PREAUTH_BUDGET_BYTES: positiveInt(16 * 1024 * 1024),
  COLLAB_PREAUTH_PER_ADDRESS: positiveInt(32),
  COLLAB_UPDATES_PER_SECOND: positiveInt(50),
  COLLAB_UPDATE_BYTES_PER_SECOND: positiveInt(1024 * 1024),
  COLLAB_AWARENESS_PER_SECOND: positiveInt(20),
  COLLAB_AWARENESS_BYTES_PER_SECOND: positiveInt(16 * 1024),
  COLLAB_AWARENESS_MAX_STATE_BYTES: positiveInt(4096),
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  SMTP_FROM: z.string().trim().default('Coalesce <no-reply@coalesce.local>'),
  REMINDER_LEAD_HOURS: z.coerce.number().positive().default(24),
  DEADLINE_POLL_MS: positiveInt(1000),
  SWEEP_IDLE_MS: positiveInt(10_000),
  NOTIFICATION_SETTLE_MS: positiveInt(60_000),
  CONNECTION_EXPIRY_DAYS: z.coerce.number().positive().max(3660).default(30),
  DEMO_ENABLED: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  DEMO_PER_USER_PER_DAY: positiveInt(3),
});
export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  http: {
    port: number;
    host: string;
    publicUrl: string | undefined;
    clientDist: string;
    trustProxy: boolean | number | string[];
    headersTimeoutMs: number;
    requestTimeoutMs: number;
  };
  database: { url: string | undefined; dataDir: string };
  /**
   * `prefix`: every Redis key and channel of this deployment starts with it (several
   * deployments, or test runs, can share one Redis). `fallbackPollMs`: while Redis is
   * unreachable, how often each instance re-reads access changes and document heads from
   * PostgreSQL (and, while it is up, live documents are checked every 5× that).
   */
  redis: { url: string | undefined; prefix: string; fallbackPollMs: number };
  auth: {
    sessionSecret: string | undefined;
    accessTokenTtlMinutes: number;
    sessionTtlHours: number;
    loginFailuresPer15Min: number;
    loginFailuresPerAddressPer15Min: number;
    registerPerHour: number;
  };
  limits: { createsPerMinute: number };
  metrics: { token: string | undefined; port: number | undefined };
  mail: { smtpUrl: string | undefined; from: string };
  scheduler: {
    reminderLeadHours: number;
    deadlinePollMs: number;
    /**
     * The longest a sweep waits while nothing it knows of is due: work another instance left
     * (it crashed) or a change made elsewhere is noticed within this. See `Poller`.
     */
    sweepIdleMs: number;
    connectionExpiryDays: number;
    /** How long a hole in the event log's seqs may be an open transaction (then: final). */
    notificationSettleMs: number;
  };
  demo: { enabled: boolean; perUserPerDay: number };
  collab: {
    authTimeoutMs: number;
    preAuthMaxBytes: number;
    preAuthBudgetBytes: number;
    preAuthPerAddress: number;
    updatesPerSecond: number;
    updateBytesPerSecond: number;
    awarenessPerSecond: number;
    awarenessBytesPerSecond: number;
    awarenessMaxStateBytes: number;
  };
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL,
      clientDist: resolve(e.CLIENT_DIST ?? resolve(__dirname, '../../../client/dist')),
      trustProxy: e.TRUST_PROXY,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    },
    database: { url: e.DATABASE_URL, dataDir },
    redis: {
      url: e.REDIS_URL,
      prefix: e.REDIS_KEY_PREFIX,
      fallbackPollMs: e.REDIS_FALLBACK_POLL_MS,
    },
    auth: {
      sessionSecret: e.SESSION_SECRET,
      accessTokenTtlMinutes: e.ACCESS_TOKEN_TTL_MINUTES,
      sessionTtlHours: e.SESSION_TTL_HOURS,
      loginFailuresPer15Min: e.RATE_LIMIT_LOGIN_FAILURES,
      loginFailuresPerAddressPer15Min: e.RATE_LIMIT_LOGIN_PER_ADDRESS,
      registerPerHour: e.RATE_LIMIT_REGISTER_PER_HOUR,
    },
    limits: { createsPerMinute: e.RATE_LIMIT_CREATES_PER_MINUTE },
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    mail: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM },
    collab: {
      authTimeoutMs: e.COLLAB_AUTH_TIMEOUT_MS,
      preAuthMaxBytes: e.COLLAB_PREAUTH_MAX_BYTES,
      preAuthBudgetBytes: e.COLLAB_PREAUTH_BUDGET_BYTES,
      preAuthPerAddress: e.COLLAB_PREAUTH_PER_ADDRESS,
      updatesPerSecond: e.COLLAB_UPDATES_PER_SECOND,
      updateBytesPerSecond: e.COLLAB_UPDATE_BYTES_PER_SECOND,
      awarenessPerSecond: e.COLLAB_AWARENESS_PER_SECOND,
      awarenessBytesPerSecond: e.COLLAB_AWARENESS_BYTES_PER_SECOND,
      awarenessMaxStateBytes: e.COLLAB_AWARENESS_MAX_STATE_BYTES,
    },
    scheduler: {
      reminderLeadHours: e.REMINDER_LEAD_HOURS,
      deadlinePollMs: e.DEADLINE_POLL_MS,
      // Never shorter than the poll itself.
      sweepIdleMs: Math.max(e.SWEEP_IDLE_MS, e.DEADLINE_POLL_MS),
      connectionExpiryDays: e.CONNECTION_EXPIRY_DAYS,
      notificationSettleMs: e.NOTIFICATION_SETTLE_MS,
    },
    demo: { enabled: e.DEMO_ENABLED, perUserPerDay: e.DEMO_PER_USER_PER_DAY },
    logLevel: e.LOG_LEVEL,
  };
}

/** Injection token for the parsed config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
