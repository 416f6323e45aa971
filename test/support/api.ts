import { randomBytes } from 'node:crypto';

/** Minimal typed HTTP helpers for cross-process tests (Bearer auth, JSON, errors thrown). */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async req<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return data as T;
  }
}

export interface Registered {
  api: Api;
  user: { id: string; email: string; displayName: string };
  email: string;
  password: string;
}

export async function registerUser(
  baseUrl: string,
  name = 'Tester',
  locale: 'nl' | 'en' = 'en',
): Promise<Registered> {
  const email = `${name.toLowerCase().replace(/\W+/g, '')}-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'correct horse battery';
  const res = await new Api(baseUrl).req<{ user: Registered['user']; accessToken: string }>(
    'POST',
    '/auth/register',
    { email, password, displayName: name, locale },
  );
  return { api: new Api(baseUrl, res.accessToken), user: res.user, email, password };
}

export async function login(baseUrl: string, email: string, password: string): Promise<Api> {
  const res = await new Api(baseUrl).req<{ accessToken: string }>('POST', '/auth/login', {
    email,
    password,
  });
  return new Api(baseUrl, res.accessToken);
}
