import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  loginWithCookies,
  registerUser,
  uniqueEmail,
  workspaceWithMembers,
} from '../../../test/factories';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers, answers /me, and refuses a duplicate email case-insensitively', async () => {
    const u = await registerUser(t, { locale: 'nl' });
    const me = await api(t, u.token).get('/api/me').expect(200);
    expect(me.body).toEqual({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      locale: 'nl',
      createdAt: expect.stringMatching(/Z$/),
    });
    const dup = await request(t.baseUrl)
      .post('/api/auth/register')
      .send({
        email: `  ${u.email.toUpperCase()} `,
        password: 'another password',
        displayName: 'X',
      })
      .expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
  });

  it('answers invalid input with 400 naming each field', async () => {
    const res = await request(t.baseUrl)
      .post('/api/auth/register')
      .send({ email: 'not-an-email', password: 'short', displayName: '' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = res.body.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'displayName']));
  });

  it('logs in with the trimmed email in any case; wrong password and unknown email are the same 401', async () => {
    const u = await registerUser(t);
    const ok = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ email: ` ${u.email.toUpperCase()}`, password: u.password })
      .expect(200);
    expect(ok.body.user.id).toBe(u.id);
    expect(typeof ok.body.accessToken).toBe('string');
    const cookies = ([] as string[]).concat(ok.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('coalesce_session='))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('coalesce_session='))).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('csrf='))).not.toMatch(/HttpOnly/i);

    const wrong = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ email: u.email, password: 'wrong password!' })
      .expect(401);
    const unknown = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ email: uniqueEmail(), password: 'wrong password!' })
      .expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('needs credentials everywhere but register, login, health and docs', async () => {
    await request(t.baseUrl).get('/api/me').expect(401);
    await request(t.baseUrl).get('/api/workspaces').expect(401);
    await request(t.baseUrl).get('/api/me').set('authorization', 'Bearer nope').expect(401);
    await request(t.baseUrl).get('/api/health').expect(200);
  });

  it('logout revokes the token and the cookie at once', async () => {
    const u = await registerUser(t);
    const browser = await loginWithCookies(t, u);
    await api(t, browser.accessToken).get('/api/me').expect(200);
    await browser.agent.get('/api/me').expect(200);
    await browser.agent.post('/api/auth/logout').set('x-csrf-token', browser.csrf).expect(204);
    await api(t, browser.accessToken).get('/api/me').expect(401);
    await request(t.baseUrl).get('/api/me').set('cookie', browser.cookieHeader).expect(401);
    // The registration session is a different one and still valid.
    await api(t, u.token).get('/api/me').expect(200);
    // Bearer logout too.
    await api(t, u.token).post('/api/auth/logout').expect(204);
    await api(t, u.token).get('/api/me').expect(401);
  });

  it('on :wid routes (session and membership read together): 401 before 404, revoked at once', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const wid = workspace.id;
    const member = await addMember(t, coordinator, wid, 'member');
    const outsider = await registerUser(t);
    const browser = await loginWithCookies(t, member);
    await api(t, member.token).get(`/api/workspaces/${wid}`).expect(200);
    await browser.agent.get(`/api/workspaces/${wid.toUpperCase()}`).expect(200);
    // Not a member: 404 whether the workspace exists or not; no token: 401 either way.
    await api(t, outsider.token).get(`/api/workspaces/${wid}`).expect(404);
    await api(t, outsider.token)
      .get('/api/workspaces/00000000-0000-4000-8000-000000000000')
      .expect(404);
    await api(t, outsider.token).get('/api/workspaces/not-a-uuid').expect(404);
    await api(t).get(`/api/workspaces/${wid}`).expect(401);
    await api(t, 'forged.token.here').get(`/api/workspaces/${wid}`).expect(401);
    // CSRF (403) still comes before the membership check on cookie requests.
    const noCsrf = await browser.agent.patch(`/api/workspaces/${wid}`).send({}).expect(403);
    expect(noCsrf.body.code).toBe('CSRF_MISMATCH');
    // Removed from the workspace: 404 on the next request.
    await api(t, coordinator.token)
      .delete(`/api/workspaces/${wid}/members/${member.id}`)
      .expect(204);
    await api(t, member.token).get(`/api/workspaces/${wid}`).expect(404);
    await browser.agent.get(`/api/workspaces/${wid}`).expect(404);
    // Logged out: 401 (not 404) on the next request, token and cookie alike.
    await browser.agent.post('/api/auth/logout').set('x-csrf-token', browser.csrf).expect(204);
    await request(t.baseUrl)
      .get(`/api/workspaces/${wid}`)
      .set('cookie', browser.cookieHeader)
      .expect(401);
    await api(t, coordinator.token).post('/api/auth/logout').expect(204);
    await api(t, coordinator.token).get(`/api/workspaces/${wid}`).expect(401);
  });

  it('CSRF: cookie-authenticated unsafe requests need x-csrf-token equal to the csrf cookie', async () => {
    const u = await registerUser(t);
    const browser = await loginWithCookies(t, u);
    const no = await browser.agent.post('/api/workspaces').send({ name: 'No header' }).expect(403);
    expect(no.body.code).toBe('CSRF_MISMATCH');
    await browser.agent
      .post('/api/workspaces')
      .set('x-csrf-token', 'forged')
      .send({ name: 'Wrong header' })
      .expect(403);
    await browser.agent
      .post('/api/workspaces')
      .set('x-csrf-token', browser.csrf)
      .send({ name: 'With header' })
      .expect(201);
    await browser.agent.patch('/api/me').send({ locale: 'nl' }).expect(403);
    // Safe methods need no header; Bearer requests are exempt.
    await browser.agent.get('/api/workspaces').expect(200);
    await api(t, u.token).patch('/api/me', { locale: 'nl' }).expect(200);
  });

  it('POST /api/auth/token gives the cookie session a fresh access token', async () => {
    const u = await registerUser(t);
    const browser = await loginWithCookies(t, u);
    await browser.agent.post('/api/auth/token').expect(403);
    const res = await browser.agent
      .post('/api/auth/token')
      .set('x-csrf-token', browser.csrf)
      .expect(200);
    const me = await api(t, res.body.accessToken).get('/api/me').expect(200);
    expect(me.body.id).toBe(u.id);
  });

  it('PATCH /api/me changes displayName and locale', async () => {
    const u = await registerUser(t);
    const res = await api(t, u.token)
      .patch('/api/me', { displayName: ' Anna ', locale: 'nl' })
      .expect(200);
    expect(res.body).toMatchObject({ displayName: 'Anna', locale: 'nl' });
    const bad = await api(t, u.token).patch('/api/me', { locale: 'fr' }).expect(400);
    expect(bad.body.details[0].path).toEqual(['locale']);
  });
});

describe('auth rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_LOGIN_FAILURES: '3',
      RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
    });
  });
  afterAll(() => t.close());

  it('429s repeated failed logins for one email, with Retry-After, even with the right password', async () => {
    const u = await registerUser(t);
    for (let i = 0; i < 3; i++) {
      await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ email: u.email, password: 'wrong password!' })
        .expect(401);
    }
    const res = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ email: u.email.toUpperCase(), password: u.password })
      .expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another email is not affected.
    const other = await registerUser(t);
    await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ email: other.email, password: other.password })
      .expect(200);
  });
});

describe('registration rate limit per IP (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // As behind the shipped proxy: the one hop in front of us (here loopback) is trusted.
    t = await startTestApp({ RATE_LIMIT_REGISTER_PER_HOUR: '2', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('429s the third registration from one IP within the hour', async () => {
    // The proxy in front of us tells the client's address.
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const register = () =>
      request(t.baseUrl)
        .post('/api/auth/register')
        .set('x-forwarded-for', ip)
        .send({ email: uniqueEmail(), password: 'long enough pw', displayName: 'R' });
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(201);
    const res = await register();
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const elsewhere = await request(t.baseUrl)
      .post('/api/auth/register')
      .set('x-forwarded-for', '198.51.100.7')
      .send({ email: uniqueEmail(), password: 'long enough pw', displayName: 'R' });
    expect(elsewhere.status).not.toBe(429);
  });
});
