import { EventBus } from '../../common/events/event-bus';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  connectSocket,
  createWorkspace,
  joinWorkspace,
  loginWithCookies,
  nextEvent,
  recordEvents,
  registerUser,
  type TestSocket,
} from '../../../test/factories';

describe('realtime (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const connect = async (auth: { token: string } | { cookie: string }) => {
    const s = await connectSocket(t, auth);
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  it('refuses connections without valid credentials (connect_error)', async () => {
    await expect(connectSocket(t, { token: 'garbage' })).rejects.toThrow();
    await expect(connectSocket(t, { cookie: 'coalesce_session=nope' })).rejects.toThrow();
  });

  it("a member receives another member's change within a second", async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const member = await addMember(t, owner, w.id);
    const s = await connect({ token: member.token });
    expect(await joinWorkspace(s, w.id)).toEqual({ ok: true });
    const started = Date.now();
    const received = nextEvent(s, (e) => e.type === 'workspace.stage_changed', 1000);
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}`, { stage: 'catalysing_initiating' })
      .expect(200);
    const e = await received;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e).toMatchObject({
      workspaceId: w.id,
      type: 'workspace.stage_changed',
      actorId: owner.id,
      payload: { from: 'hypothesis_vision', to: 'catalysing_initiating' },
    });
    const log = await api(t, owner.token)
      .get(`/api/workspaces/${w.id}/activity?limit=1`)
      .expect(200);
    expect(log.body.items[0]).toEqual(e);
  });

  it("a non-member's join is refused with a 404-shaped error and they receive nothing", async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const stranger = await registerUser(t);
    const spy = await connect({ token: stranger.token });
    const watcher = await connect({ token: owner.token });
    const ack = await joinWorkspace(spy, w.id);
    expect(ack).toEqual({
      ok: false,
      error: { statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) },
    });
    expect(await joinWorkspace(spy, 'not-a-uuid')).toMatchObject({
      ok: false,
      error: { statusCode: 404 },
    });
    expect(await joinWorkspace(watcher, w.id)).toEqual({ ok: true });
    const spied = recordEvents(spy);
    const seen = nextEvent(watcher, (e) => e.type === 'workspace.updated');
    await api(t, owner.token).patch(`/api/workspaces/${w.id}`, { name: 'Secret' }).expect(200);
    await seen;
    // A round trip on the spy's socket: anything pushed to it before has arrived by now.
    await spy.timeout(1000).emitWithAck('workspace:leave', { workspaceId: w.id });
    expect(spied).toEqual([]);
  });

  it('a removed member leaves the room at once and stops receiving events', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const member = await addMember(t, owner, w.id);
    const ownerSocket = await connect({ token: owner.token });
    const memberSocket = await connect({ token: member.token });
    await joinWorkspace(ownerSocket, w.id);
    await joinWorkspace(memberSocket, w.id);
    const membership = new Promise((resolve) => memberSocket.once('membership', resolve));
    await api(t, owner.token).delete(`/api/workspaces/${w.id}/members/${member.id}`).expect(204);
    expect(await membership).toEqual({
      workspaceId: w.id,
      role: null,
      broker: false,
      partnerId: null,
    });
    const after = recordEvents(memberSocket);
    const seen = nextEvent(ownerSocket, (e) => e.type === 'workspace.stage_changed');
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}`, { stage: 'dynamic_experimentation' })
      .expect(200);
    await seen;
    await memberSocket.timeout(1000).emitWithAck('workspace:leave', { workspaceId: w.id });
    expect(after).toEqual([]);
    // And cannot join again.
    expect(await joinWorkspace(memberSocket, w.id)).toMatchObject({ ok: false });
  });

  it('authenticates with the session cookie; logout disconnects that session', async () => {
    const u = await registerUser(t);
    const browser = await loginWithCookies(t, u);
    const s = await connect({ cookie: browser.cookieHeader });
    const w = await createWorkspace(t, u);
    expect(await joinWorkspace(s, w.id)).toEqual({ ok: true });
    const disconnected = new Promise((resolve) => s.once('disconnect', resolve));
    await api(t, browser.accessToken).post('/api/auth/logout').expect(204);
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('two instances on one database (e2e)', () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  let a: TestApp;
  let b: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    const env: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl } : {};
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a.close(), b.close()]);
  });

  it('tokens issued by one instance work on the other; logout on one is 401 on the other', async () => {
    const u = await registerUser(a);
    await api(b, u.token).get('/api/me').expect(200);
    await api(a, u.token).post('/api/auth/logout').expect(204);
    await api(b, u.token).get('/api/me').expect(401);
  });

  (redisUrl ? it : it.skip)(
    'with REDIS_URL, events reach sockets on the other instance',
    async () => {
      const owner = await registerUser(a);
      const w = await createWorkspace(a, owner);
      const member = await addMember(a, owner, w.id);
      const s = await connectSocket(b, { token: member.token });
      sockets.push(s);
      await joinWorkspace(s, w.id);
      const got = nextEvent(s, (e) => e.type === 'workspace.stage_changed');
      await api(a, owner.token)
        .patch(`/api/workspaces/${w.id}`, { stage: 'catalysing_initiating' })
        .expect(200);
      expect((await got).workspaceId).toBe(w.id);
      // Removal on instance A makes the socket on instance B leave the room, and B's bus hears it.
      const left = new Promise((resolve) => s.once('membership', resolve));
      const relayed = new Promise<{ role: unknown; remote: boolean }>((resolve) => {
        const off = b.app.get(EventBus).on('member.access_changed', (c, meta) => {
          if (c.userId !== member.id) return;
          off();
          resolve({ role: c.role, remote: meta.remote });
        });
      });
      await api(a, owner.token).delete(`/api/workspaces/${w.id}/members/${member.id}`).expect(204);
      await left;
      expect(await relayed).toEqual({ role: null, remote: true });
      const after = recordEvents(s);
      await api(a, owner.token).patch(`/api/workspaces/${w.id}`, { name: 'After' }).expect(200);
      const ownerSocket = await connectSocket(b, { token: owner.token });
      sockets.push(ownerSocket);
      await joinWorkspace(ownerSocket, w.id);
      const seen = nextEvent(ownerSocket, (e) => e.type === 'workspace.updated');
      await api(a, owner.token).patch(`/api/workspaces/${w.id}`, { name: 'After 2' }).expect(200);
      await seen;
      await s.timeout(1000).emitWithAck('workspace:leave', { workspaceId: w.id });
      expect(after).toEqual([]);
    },
  );
});
