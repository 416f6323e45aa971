import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { createWorkspace, registerUser, type TestUser } from '../../../test/factories';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Path = (string | number)[];

const BAD = ['\u0000', '\ud800', 'a\udc00b', 'z\udbff'];

/** encodeURIComponent, but a lone surrogate goes out as its WTF-8 bytes (as some clients do). */
function encode(s: string): string {
  return s.replace(/[\s\S]/gu, (ch) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(ch);
  });
}

/** A plausible value for a JSON schema (valid where it is cheap to be). */
function sample(s: Schema | undefined): unknown {
  if (!s) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const first = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0];
  if (first) return sample(first);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'email') return `fuzz-${crypto.randomUUID()}@example.test`;
      if (s.format === 'date-time') return new Date(Date.now() - 60_000).toISOString();
      return 'fuzz'.padEnd(Math.max(4, s.minLength ?? 0), 'z');
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [sample(s.items)];
    case 'object':
    case undefined:
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
    default:
      return null;
  }
}

/** Every place in `value` a string could go: string leaves, plus a new key on each object. */
function stringSlots(value: unknown, path: Path = []): { path: Path; key?: boolean }[] {
  if (typeof value === 'string') return [{ path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringSlots(v, [...path, i]));
  if (value && typeof value === 'object') {
    return [
      { path, key: true },
      ...Object.entries(value).flatMap(([k, v]) => stringSlots(v, [...path, k])),
    ];
  }
  // A number, boolean or null where a string is not expected: still a field to poison.
  return path.length ? [{ path }] : [];
}

function poisoned(value: unknown, slot: { path: Path; key?: boolean }, bad: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (slot.key) {
    let target = copy as Record<string | number, unknown>;
    for (const p of slot.path) target = target[p] as Record<string | number, unknown>;
    target[`k${bad}`] = 'v';
    return copy;
  }
  if (!slot.path.length) return `x${bad}`;
  let target = copy;
  for (const p of slot.path.slice(0, -1)) target = target[p] as Record<string | number, unknown>;
  target[slot.path.at(-1)!] = `x${bad}y`;
  return copy;
}

/**
 * Every operation of the served OpenAPI document, with NUL and lone surrogates in every string
 * field, object key, path and query parameter, as a member and anonymously: never a 5xx.
 */
describe('strings at the edge: fuzz over the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerUser(t);
    workspaceId = (await createWorkspace(t, owner)).id;
  });
  afterAll(() => t.close());

  it('answers 4xx (400 naming the field where a string is poisoned), never 5xx', async () => {
    const doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const requests: { method: string; url: string; body?: unknown; poisoned: boolean }[] = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = op.parameters ?? [];
        const pathValue = (name: string) => (name === 'wid' ? workspaceId : crypto.randomUUID());
        const url = (over: Record<string, string> = {}, query: Record<string, string> = {}) => {
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
            encode(over[name] ?? pathValue(name)),
          );
          const q = Object.entries(query)
            .map(([k, v]) => `${encode(k)}=${encode(v)}`)
            .join('&');
          return q ? `${path}?${q}` : path;
        };
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = schema ? sample(schema) : undefined;
        for (const bad of BAD) {
          for (const p of params) {
            if (p.in === 'path')
              requests.push({ method, url: url({ [p.name]: `x${bad}` }), body, poisoned: true });
            if (p.in === 'query')
              requests.push({
                method,
                url: url({}, { [p.name]: `x${bad}` }),
                body,
                poisoned: true,
              });
          }
          if (body !== undefined) {
            for (const slot of stringSlots(body)) {
              requests.push({
                method,
                url: url(),
                body: poisoned(body, slot, bad),
                poisoned: true,
              });
            }
          }
          // An unknown query parameter carries it too.
          requests.push({ method, url: url({}, { fuzz: `x${bad}` }), body, poisoned: true });
        }
      }
    }
    const fivexx: string[] = [];
    const notNamed: string[] = [];
    let sent = 0;
    for (const token of [owner.token, undefined]) {
      for (const r of requests) {
        let req = request(t.baseUrl)[r.method as 'get'](r.url);
        if (token) req = req.set('authorization', `Bearer ${token}`);
        if (r.body !== undefined)
          req = req.set('content-type', 'application/json').send(JSON.stringify(r.body));
        const res = await req;
        sent++;
        if (res.status >= 500) fivexx.push(`${r.method.toUpperCase()} ${r.url} → ${res.status}`);
        else if (res.status !== 400 || !/: contains a NUL/.test(String(res.body?.message)))
          notNamed.push(`${r.method.toUpperCase()} ${r.url} → ${res.status}`);
      }
    }
    process.stdout.write(
      `strings fuzz: ${sent} requests over ${Object.values(doc.paths).reduce((n, o) => n + Object.keys(o).length, 0)} operations\n`,
    );
    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(fivexx).toEqual([]);
    expect(notNamed).toEqual([]);
  }, 600_000);
});
