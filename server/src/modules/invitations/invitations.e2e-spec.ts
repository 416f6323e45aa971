import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import {
  acceptInvitation,
  api,
  createWorkspace,
  invite,
  registerUser,
  workspaceWithMembers,
} from '../../../test/factories';

describe('invitations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('coordinator invites; the invitee previews and accepts once', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Talentenstad' });
    const res = await api(t, owner.token)
      .post(`/api/workspaces/${w.id}/invitations`, { role: 'observer', broker: true })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.stringMatching(/Z$/),
      role: 'observer',
      broker: true,
      email: null,
    });
    const stored = await sql<{ tokenHash: string }>(
      'SELECT "tokenHash" FROM invitations WHERE id = $1',
      [res.body.id],
    );
    expect(stored[0]!.tokenHash).not.toContain(res.body.token);

    const pending = await api(t, owner.token)
      .get(`/api/workspaces/${w.id}/invitations`)
      .expect(200);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    expect(pending.body.items[0].token).toBeUndefined();

    const invitee = await registerUser(t);
    const preview = await api(t, invitee.token)
      .get(`/api/invitations/${res.body.token}`)
      .expect(200);
    expect(preview.body).toMatchObject({
      workspaceId: w.id,
      workspaceName: 'Talentenstad',
      role: 'observer',
      status: 'pending',
    });
    const accepted = await api(t, invitee.token)
      .post(`/api/invitations/${res.body.token}/accept`)
      .expect(200);
    expect(accepted.body).toMatchObject({
      workspaceId: w.id,
      userId: invitee.id,
      role: 'observer',
      broker: true,
    });
    const ws = await api(t, invitee.token).get(`/api/workspaces/${w.id}`).expect(200);
    expect(ws.body.myRole).toBe('observer');

    const again = await api(t, (await registerUser(t)).token)
      .post(`/api/invitations/${res.body.token}/accept`)
      .expect(409);
    expect(again.body.code).toBe('INVITATION_USED');
    const gone = await api(t, owner.token).get(`/api/workspaces/${w.id}/invitations`).expect(200);
    expect(gone.body.items).toEqual([]);
  });

  it('only coordinators manage invitations (403)', async () => {
    const { workspace, members } = await workspaceWithMembers(t, ['member']);
    const m = api(t, members[0]!.token);
    await m.post(`/api/workspaces/${workspace.id}/invitations`, { role: 'member' }).expect(403);
    await m.post(`/api/workspaces/${workspace.id}/invitations`, { role: 'bogus' }).expect(403);
    await m.get(`/api/workspaces/${workspace.id}/invitations`).expect(403);
  });

  it('validates the body', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const res = await api(t, owner.token)
      .post(`/api/workspaces/${w.id}/invitations`, {
        role: 'king',
        email: 'nope',
        expiresInHours: -1,
      })
      .expect(400);
    const paths = res.body.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['role', 'email', 'expiresInHours']));
  });

  it('an expired invitation is 410', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const inv = await invite(t, owner, w.id);
    await sql(`UPDATE invitations SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
      inv.id,
    ]);
    const u = await registerUser(t);
    const res = await api(t, u.token).post(`/api/invitations/${inv.token}/accept`).expect(410);
    expect(res.body.code).toBe('EXPIRED');
    const preview = await api(t, u.token).get(`/api/invitations/${inv.token}`).expect(200);
    expect(preview.body.status).toBe('expired');
  });

  it('an email-bound invitation is for that user only (403), case-insensitively', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const invitee = await registerUser(t);
    const inv = await invite(t, owner, w.id, { email: invitee.email.toUpperCase() });
    const other = await registerUser(t);
    await api(t, other.token).post(`/api/invitations/${inv.token}/accept`).expect(403);
    await acceptInvitation(t, invitee, inv.token);
  });

  it('an existing member accepting is 409 ALREADY_MEMBER (and the invitation stays usable)', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const inv = await invite(t, owner, w.id);
    const res = await api(t, owner.token).post(`/api/invitations/${inv.token}/accept`).expect(409);
    expect(res.body.code).toBe('ALREADY_MEMBER');
    await acceptInvitation(t, await registerUser(t), inv.token);
  });

  it('a revoked invitation cannot be accepted', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const inv = await invite(t, owner, w.id);
    await api(t, owner.token).delete(`/api/workspaces/${w.id}/invitations/${inv.id}`).expect(204);
    await api(t, owner.token).delete(`/api/workspaces/${w.id}/invitations/${inv.id}`).expect(404);
    const u = await registerUser(t);
    await api(t, u.token).post(`/api/invitations/${inv.token}/accept`).expect(410);
  });

  it('two users accepting at once: exactly one becomes a member', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const inv = await invite(t, owner, w.id);
    const [a, b] = await Promise.all([registerUser(t), registerUser(t)]);
    const results = await Promise.all(
      [a, b].map((u) => api(t, u.token).post(`/api/invitations/${inv.token}/accept`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const members = await api(t, owner.token).get(`/api/workspaces/${w.id}/members`).expect(200);
    expect(members.body.items).toHaveLength(2);
  });

  it('an unknown token is 404 and accepting needs credentials', async () => {
    const u = await registerUser(t);
    const fake = 'A'.repeat(43);
    await api(t, u.token).get(`/api/invitations/${fake}`).expect(404);
    await api(t, u.token).post(`/api/invitations/${fake}/accept`).expect(404);
    await api(t).post(`/api/invitations/${fake}/accept`).expect(401);
  });
});
