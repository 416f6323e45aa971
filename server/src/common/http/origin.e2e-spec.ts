import { io } from 'socket.io-client';
import request from 'supertest';
import WS from 'ws';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { createWorkspace, loginWithCookies, registerUser } from '../../../test/factories';

describe('origins, CSRF and security headers (e2e)', () => {
  let t: TestApp;
  const EVIL = 'https://evil.example';
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://coalesce.example' });
  });
  afterAll(() => t.close());

  /** 'open', or the HTTP status the upgrade was refused with. */
  const upgrade = (path: string, headers: Record<string, string>) =>
    new Promise<number | 'open'>((resolve) => {
      const ws = new WS(`ws://127.0.0.1:${t.port}${path}`, { headers });
      ws.on('error', () => undefined);
      ws.once('open', () => {
        ws.terminate();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });

  it('refuses the collab upgrade from another origin, even with a valid session cookie', async () => {
    const u = await registerUser(t);
    const ws = await createWorkspace(t, u);
    const { cookieHeader } = await loginWithCookies(t, u);
    const path = `/collab/${ws.visionDocumentId}`;
    expect(await upgrade(path, { cookie: cookieHeader, origin: EVIL })).toBe(403);
    expect(await upgrade(path, { cookie: cookieHeader, origin: 'null' })).toBe(403);
    expect(await upgrade(path, { cookie: cookieHeader, origin: 'https://coalesce.example' })).toBe(
      'open',
    );
    // Development and test also allow local origins (the Vite dev server).
    expect(await upgrade(path, { cookie: cookieHeader, origin: 'http://localhost:5173' })).toBe(
      'open',
    );
  });

  it('refuses the socket.io handshake from another origin', async () => {
    const u = await registerUser(t);
    const { cookieHeader } = await loginWithCookies(t, u);
    const attempt = (origin: string, transport: 'websocket' | 'polling') =>
      new Promise<string>((resolve) => {
        const s = io(t.baseUrl, {
          path: '/socket.io',
          transports: [transport],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie: cookieHeader, origin },
        });
        s.once('connect', () => {
          s.close();
          resolve('connected');
        });
        s.once('connect_error', () => {
          s.close();
          resolve('refused');
        });
      });
    expect(await attempt(EVIL, 'websocket')).toBe('refused');
    expect(await attempt(EVIL, 'polling')).toBe('refused');
    expect(await attempt('https://coalesce.example', 'websocket')).toBe('connected');
  });

  it('refuses unsafe cookie requests from another origin; bearer requests are not affected', async () => {
    const u = await registerUser(t);
    const { cookieHeader, csrf } = await loginWithCookies(t, u);
    const post = (origin?: string) => {
      const r = request(t.baseUrl)
        .post('/api/workspaces')
        .set('cookie', cookieHeader)
        .set('x-csrf-token', csrf);
      return (origin ? r.set('origin', origin) : r).send({ name: 'From a page' });
    };
    const evil = await post(EVIL);
    expect(evil.status).toBe(403);
    expect(evil.body.code).toBe('FORBIDDEN');
    expect((await post('https://coalesce.example')).status).toBe(201);
    expect((await post()).status).toBe(201);
    await request(t.baseUrl)
      .post('/api/workspaces')
      .set('authorization', `Bearer ${u.token}`)
      .set('origin', EVIL)
      .send({ name: 'API client' })
      .expect(201);
  });

  it("binds the CSRF token to its session: another session's token is refused", async () => {
    const u = await registerUser(t);
    const a = await loginWithCookies(t, u);
    const b = await loginWithCookies(t, u);
    expect(a.csrf).not.toBe(b.csrf);
    const res = await request(t.baseUrl)
      .post('/api/workspaces')
      .set('cookie', `${a.cookieHeader.split(';')[0]}; csrf=${b.csrf}`)
      .set('x-csrf-token', b.csrf)
      .send({ name: 'Planted token' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_MISMATCH');
  });

  it('sends security headers with a CSP allowing our websockets', async () => {
    const res = await request(t.baseUrl).get('/api/health').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined(); // PUBLIC_URL is https
  });
});
