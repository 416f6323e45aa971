import { ErrorCode, isErrorBody, type ErrorBody, type ErrorDetail } from '@coalesce/shared';
import { activeLocale, translate } from '../i18n/i18n';
import { describeDetail, describeError } from './errors';

const readerTx = (key: string, params?: Record<string, string | number>) =>
  translate(activeLocale(), key, params);

/**
 * An error answer of our API, or a network failure (status 0). `message` is written for the
 * reader, in the language the app shows when it is read (from the code and details); the
 * server's own English words stay in `serverMessage` (logs, API clients).
 */
export class ApiError extends Error {
  readonly serverMessage: string;

  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.serverMessage = message;
    Object.defineProperty(this, 'message', {
      get: () => describeError(this, readerTx),
      configurable: true,
    });
  }

  /** The message for one form field, matched on the detail path's last segment or full path. */
  fieldError(field: string): string | undefined {
    const d = this.details.find((x) => x.path.join('.') === field || x.path.at(-1) === field);
    return d && describeDetail(d, readerTx);
  }
}

function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

declare global {
  interface Window {
    /** GETs the route-preload script started before the app's code arrived (see vite.config.ts). */
    __coalesceEarly?: Record<string, Promise<Response>>;
  }
}

/** An early answer is only fresh enough for the first load's own queries. */
const EARLY_MAX_AGE_MS = 15_000;

/** Takes (once) the response of a GET the page started before this code ran. */
function takeEarly(key: string): Promise<Response> | undefined {
  const early = window.__coalesceEarly;
  const hit = early?.[key];
  if (!hit) return undefined;
  delete early[key];
  return performance.now() < EARLY_MAX_AGE_MS ? hit : undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

/**
 * The one way the client talks to the API: cookie session, CSRF double submit on writes, and the
 * shared error shape turned into an ApiError the UI can put next to fields.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('csrf');
    if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  }
  let res: Response;
  try {
    const early = method === 'GET' ? takeEarly(url.pathname + url.search) : undefined;
    res = await (early ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      }));
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      const body = data as ErrorBody;
      throw new ApiError(res.status, body.code, body.message, body.details ?? []);
    }
    throw new ApiError(res.status, ErrorCode.INTERNAL, res.statusText || 'Request failed');
  }
  return data as T;
}
