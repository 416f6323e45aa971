import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { api, createWorkspace, registerUser, uniqueEmail } from '../../../test/factories';

describe('per-user create limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_CREATES_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('counts only successful creates: bad requests stay 400, the fourth create is 429 with Retry-After', async () => {
    const u = await registerUser(t);
    const ws = await createWorkspace(t, u); // one workspace create
    const docs = `/api/workspaces/${ws.id}/documents`;
    for (let i = 0; i < 5; i++) {
      await api(t, u.token).post(docs, { title: '', kind: 'nope' }).expect(400);
    }
    for (let i = 0; i < 3; i++) {
      await api(t, u.token)
        .post(docs, { title: `Doc ${i}`, kind: 'notes' })
        .expect(201);
    }
    const res = await api(t, u.token).post(docs, { title: 'One too many', kind: 'notes' });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Per kind and per user: workspaces still have room (one used), another user is unaffected.
    await createWorkspace(t, u);
    const other = await registerUser(t);
    await createWorkspace(t, other);
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(t, other.token).post('/api/workspaces', { name: `Burst ${i}` }),
      ),
    );
    // Counted atomically: concurrent creates cannot slip past the limit (one was used above).
    expect(burst.filter((r) => r.status === 201)).toHaveLength(2);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(4);
  });
});

describe('login limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_LOGIN_FAILURES: '5',
      RATE_LIMIT_LOGIN_PER_ADDRESS: '30',
    });
  });
  afterAll(() => t.close());
  const login = (from: string, email: string, password: string) =>
    request(t.baseUrl)
      .post('/api/auth/login')
      .set('x-forwarded-for', from)
      .send({ email, password });
  const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  it('lets the owner in from their own address while a stranger hammers the account', async () => {
    const owner = await registerUser(t);
    const stranger = address();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login(stranger, owner.email, 'wrong guess!!')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // Even the right password from the stranger's address waits.
    expect((await login(stranger, owner.email, owner.password)).status).toBe(429);
    // The owner, from home, is not locked out.
    expect((await login('203.0.113.77', owner.email, owner.password)).status).toBe(200);
  });

  it('throttles one address spraying 60 emails', async () => {
    const sprayer = address();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await login(sprayer, uniqueEmail(), 'password123!')).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });

  it('counts concurrent attempts atomically', async () => {
    const owner = await registerUser(t);
    const from = address();
    const statuses = (
      await Promise.all(Array.from({ length: 15 }, () => login(from, owner.email, 'wrong guess!!')))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
