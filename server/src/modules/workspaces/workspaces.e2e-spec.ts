import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  createWorkspace,
  registerUser,
  workspaceWithMembers,
} from '../../../test/factories';

describe('workspaces (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a workspace with its vision document; the creator is coordinator', async () => {
    const u = await registerUser(t);
    const res = await api(t, u.token)
      .post('/api/workspaces', { name: ' Klooz ', description: 'Borgloon' })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Klooz',
      description: 'Borgloon',
      stage: 'hypothesis_vision',
      myRole: 'coordinator',
      myBroker: false,
      myPartnerId: null,
      visionDocumentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const wid = res.body.id;
    const got = await api(t, u.token).get(`/api/workspaces/${wid}`).expect(200);
    expect(got.body).toEqual(res.body);
    const members = await api(t, u.token).get(`/api/workspaces/${wid}/members`).expect(200);
    expect(members.body.items).toEqual([
      expect.objectContaining({ userId: u.id, role: 'coordinator', email: u.email }),
    ]);
    const activity = await api(t, u.token).get(`/api/workspaces/${wid}/activity`).expect(200);
    expect(activity.body.items.map((e: { type: string }) => e.type)).toEqual([
      'member.joined',
      'workspace.created',
    ]);
  });

  it('rejects invalid input naming the field', async () => {
    const u = await registerUser(t);
    const res = await api(t, u.token)
      .post('/api/workspaces', { name: 'x'.repeat(201), stage: 'nope' })
      .expect(400);
    const paths = res.body.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'stage']));
  });

  it('lists only my workspaces, paginated', async () => {
    const u = await registerUser(t);
    const a = await createWorkspace(t, u, { name: 'A' });
    const b = await createWorkspace(t, u, { name: 'B' });
    const c = await createWorkspace(t, u, { name: 'C' });
    await createWorkspace(t, await registerUser(t), { name: 'Not mine' });
    const first = await api(t, u.token).get('/api/workspaces?limit=2').expect(200);
    expect(first.body.items.map((w: { id: string }) => w.id)).toEqual([c.id, b.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(t, u.token)
      .get(`/api/workspaces?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items.map((w: { id: string }) => w.id)).toEqual([a.id]);
    expect(second.body.nextCursor).toBeNull();
    await api(t, u.token).get('/api/workspaces?limit=0').expect(400);
    await api(t, u.token).get('/api/workspaces?limit=201').expect(400);
    await api(t, u.token).get('/api/workspaces?cursor=garbage!').expect(400);
  });

  it('coordinator changes the stage: history and a workspace.stage_changed event', async () => {
    const u = await registerUser(t);
    const w = await createWorkspace(t, u);
    const res = await api(t, u.token)
      .patch(`/api/workspaces/${w.id}`, { stage: 'dynamic_experimentation', name: 'Renamed' })
      .expect(200);
    expect(res.body).toMatchObject({ stage: 'dynamic_experimentation', name: 'Renamed' });
    const history = await api(t, u.token).get(`/api/workspaces/${w.id}/stage-history`).expect(200);
    expect(history.body.items.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [null, 'hypothesis_vision'],
      ['hypothesis_vision', 'dynamic_experimentation'],
    ]);
    const events = await api(t, u.token)
      .get(`/api/workspaces/${w.id}/activity?type=workspace.stage_changed`)
      .expect(200);
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      type: 'workspace.stage_changed',
      actorId: u.id,
      subjectType: 'workspace',
      subjectId: w.id,
      payload: { from: 'hypothesis_vision', to: 'dynamic_experimentation' },
    });
  });

  it('a member may read but not PATCH the workspace (403, before validating the body)', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
    ]);
    for (const m of members) {
      await api(t, m.token).get(`/api/workspaces/${workspace.id}`).expect(200);
      const res = await api(t, m.token)
        .patch(`/api/workspaces/${workspace.id}`, { name: 'Mine now' })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await api(t, m.token)
        .patch(`/api/workspaces/${workspace.id}`, { stage: 'bogus' })
        .expect(403);
    }
    const got = await api(t, members[0]!.token).get(`/api/workspaces/${workspace.id}`).expect(200);
    expect(got.body.myRole).toBe('member');
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}`, { stage: 'bogus' })
      .expect(400);
  });

  it('a non-member gets 404 on every workspace route, before any 400 or 403', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const member = await addMember(t, owner, w.id);
    const stranger = await registerUser(t);
    const s = api(t, stranger.token);
    const base = `/api/workspaces/${w.id}`;
    const iid = '00000000-0000-4000-8000-000000000000';
    const calls = [
      s.get(base),
      s.patch(base, { name: 123 }),
      s.get(`${base}/members`),
      s.patch(`${base}/members/${member.id}`, { role: 'bogus' }),
      s.delete(`${base}/members/${member.id}`),
      s.get(`${base}/invitations`),
      s.post(`${base}/invitations`, { role: 'bogus' }),
      s.delete(`${base}/invitations/${iid}`),
      s.get(`${base}/activity?limit=0`),
      s.get(`${base}/stage-history`),
    ];
    for (const res of await Promise.all(calls)) {
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    // Without credentials it is 401 first.
    await request(t.baseUrl).get(base).expect(401);
    await request(t.baseUrl).patch(base).send({ name: 1 }).expect(401);
  });

  it('a malformed uuid in the path is 404', async () => {
    const u = await registerUser(t);
    const w = await createWorkspace(t, u);
    await api(t, u.token).get('/api/workspaces/not-a-uuid').expect(404);
    await api(t, u.token).get('/api/workspaces/not-a-uuid/members').expect(404);
    await api(t, u.token).patch(`/api/workspaces/${w.id}/members/not-a-uuid`, {}).expect(404);
    await api(t, u.token).delete(`/api/workspaces/${w.id}/invitations/123`).expect(404);
    await api(t, u.token).get('/api/invitations/not-a-token').expect(404);
  });
});
