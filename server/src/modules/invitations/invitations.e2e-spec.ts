import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import type { MyInvitationDto } from '@coalesce/shared';
import {
  acceptInvitation,
  api,
  createWorkspace,
  invite,
  registerUser,
  workspaceWithMembers,
  type TestUser,
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
    const observerBroker = await api(t, owner.token)
      .post(`/api/workspaces/${w.id}/invitations`, { role: 'observer', broker: true })
      .expect(400);
    expect(observerBroker.body.details).toEqual([
      { path: ['broker'], message: 'an observer cannot be a broker', issue: 'custom' },
    ]);
    const res = await api(t, owner.token)
      .post(`/api/workspaces/${w.id}/invitations`, { role: 'observer' })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.stringMatching(/Z$/),
      role: 'observer',
      broker: false,
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
    // The coordinator can copy the link again: the token is derived, only its hash is stored.
    expect(pending.body.items[0].token).toBe(res.body.token);
    // An invitation from before (a random token, only its hash kept): no token, the link works.
    const legacy = await invite(t, owner, w.id);
    const legacyToken = randomBytes(32).toString('base64url');
    await sql(`UPDATE invitations SET "tokenHash" = $2 WHERE id = $1`, [
      legacy.id,
      createHash('sha256').update(legacyToken).digest('hex'),
    ]);
    const both = await api(t, owner.token).get(`/api/workspaces/${w.id}/invitations`).expect(200);
    expect(
      both.body.items.map((i: { id: string; token: string | null }) => [i.id, i.token]),
    ).toEqual([
      [legacy.id, null],
      [res.body.id, res.body.token],
    ]);
    await api(t, (await registerUser(t)).token)
      .post(`/api/invitations/${legacyToken}/accept`)
      .expect(200);

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
      broker: false,
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

  describe('in the app (me/invitations)', () => {
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
    const mine = async (u: TestUser) =>
      (await api(t, u.token).get('/api/me/invitations').expect(200)) as {
        body: { items: MyInvitationDto[] };
      };

    it('lists only my pending email-bound invitations, newest first', async () => {
      const owner = await registerUser(t);
      const me = await registerUser(t);
      const other = await registerUser(t);
      const w1 = await createWorkspace(t, owner, { name: 'Beringen leert' });
      const w2 = await createWorkspace(t, owner, { name: 'Borgloon bloeit' });
      const older = await invite(t, owner, w1.id, {
        email: me.email.toUpperCase(),
        role: 'member',
        broker: true,
      });
      const newer = await invite(t, owner, w2.id, { email: ` ${me.email} `, role: 'member' });
      // Not mine: open, someone else's, expired, revoked, a workspace I am already in.
      await invite(t, owner, w1.id);
      const others = await invite(t, owner, w1.id, { email: other.email });
      const expired = await invite(t, owner, w1.id, { email: me.email });
      await sql(`UPDATE invitations SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
        expired.id,
      ]);
      const revoked = await invite(t, owner, w2.id, { email: me.email });
      await api(t, owner.token)
        .delete(`/api/workspaces/${w2.id}/invitations/${revoked.id}`)
        .expect(204);
      const w3 = await createWorkspace(t, owner);
      await invite(t, owner, w3.id, { email: me.email });
      await acceptInvitation(t, me, (await invite(t, owner, w3.id)).token);

      const res = await mine(me);
      expect(ids(res)).toEqual([newer.id, older.id]);
      expect(res.body.items[1]).toEqual({
        id: older.id,
        workspaceId: w1.id,
        workspaceName: 'Beringen leert',
        role: 'member',
        broker: true,
        expiresAt: older.expiresAt,
        createdAt: older.createdAt,
        invitedByName: owner.displayName,
      });
      expect(ids(await mine(other))).toEqual([others.id]);
      expect(ids(await mine(owner))).toEqual([]);
    });

    it('accepting by id makes me a member, once, with the same events as the link', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const inv = await invite(t, owner, w.id, { email: me.email, role: 'observer' });

      const res = await api(t, me.token)
        .post(`/api/me/invitations/${inv.id.toUpperCase()}/accept`)
        .expect(200);
      expect(res.body).toMatchObject({
        workspaceId: w.id,
        userId: me.id,
        role: 'observer',
        broker: false,
        email: me.email,
      });
      const ws = await api(t, me.token).get(`/api/workspaces/${w.id}`).expect(200);
      expect(ws.body.myRole).toBe('observer');
      expect(ids(await mine(me))).toEqual([]);
      const pending = await api(t, owner.token)
        .get(`/api/workspaces/${w.id}/invitations`)
        .expect(200);
      expect(pending.body.items).toEqual([]);

      const log = await api(t, owner.token)
        .get(`/api/workspaces/${w.id}/activity?type=member.joined`)
        .expect(200);
      expect(log.body.items[0]).toMatchObject({
        actorId: me.id,
        subjectId: me.id,
        payload: { via: 'invitation', invitationId: inv.id, role: 'observer' },
      });

      const byToken = await api(t, me.token)
        .post(`/api/invitations/${inv.token}/accept`)
        .expect(409);
      expect(byToken.body.code).toBe('INVITATION_USED');
      const again = await api(t, me.token).post(`/api/me/invitations/${inv.id}/accept`).expect(409);
      expect(again.body.code).toBe('INVITATION_USED');
      await api(t, me.token).post(`/api/me/invitations/${inv.id}/decline`).expect(409);
    });

    it('by id and by token at once: exactly one accept succeeds', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const inv = await invite(t, owner, w.id, { email: me.email });
      const results = await Promise.all([
        api(t, me.token).post(`/api/me/invitations/${inv.id}/accept`),
        api(t, me.token).post(`/api/invitations/${inv.token}/accept`),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const members = await api(t, owner.token).get(`/api/workspaces/${w.id}/members`).expect(200);
      expect(members.body.items).toHaveLength(2);
    });

    it("another user's invitation is 404 (nothing to learn about it), and stays mine", async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const inv = await invite(t, owner, w.id, { email: me.email });
      const stranger = await registerUser(t);
      const res = await api(t, stranger.token)
        .post(`/api/me/invitations/${inv.id}/accept`)
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await api(t, stranger.token).post(`/api/me/invitations/${inv.id}/decline`).expect(404);
      expect(ids(await mine(me))).toEqual([inv.id]);
    });

    it('an open invitation, an unknown or a malformed id is 404 (only the link opens an open one)', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const open = await invite(t, owner, w.id);
      for (const id of [open.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
        for (const action of ['accept', 'decline']) {
          const res = await api(t, me.token)
            .post(`/api/me/invitations/${id}/${action}`)
            .expect(404);
          expect(res.body.code).toBe('NOT_FOUND');
        }
      }
      await acceptInvitation(t, me, open.token);
    });

    it('an expired or revoked invitation is 410', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const expired = await invite(t, owner, w.id, { email: me.email });
      await sql(`UPDATE invitations SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
        expired.id,
      ]);
      const revoked = await invite(t, owner, w.id, { email: me.email });
      await api(t, owner.token)
        .delete(`/api/workspaces/${w.id}/invitations/${revoked.id}`)
        .expect(204);
      for (const inv of [expired, revoked]) {
        for (const action of ['accept', 'decline']) {
          const res = await api(t, me.token)
            .post(`/api/me/invitations/${inv.id}/${action}`)
            .expect(410);
          expect(res.body.code).toBe('EXPIRED');
        }
      }
    });

    it('already a member is 409 ALREADY_MEMBER, as with the link (the invitation stays usable)', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const inv = await invite(t, owner, w.id, { email: me.email });
      await acceptInvitation(t, me, (await invite(t, owner, w.id)).token);
      const res = await api(t, me.token).post(`/api/me/invitations/${inv.id}/accept`).expect(409);
      expect(res.body.code).toBe('ALREADY_MEMBER');
      const pending = await api(t, owner.token)
        .get(`/api/workspaces/${w.id}/invitations`)
        .expect(200);
      expect(ids(pending)).toContain(inv.id);
    });

    it('declining closes the invitation for good and is logged', async () => {
      const owner = await registerUser(t);
      const w = await createWorkspace(t, owner);
      const me = await registerUser(t);
      const inv = await invite(t, owner, w.id, { email: me.email, role: 'member' });
      const kept = await invite(t, owner, w.id, { email: me.email, role: 'observer' });

      await api(t, me.token).post(`/api/me/invitations/${inv.id}/decline`).expect(204);
      expect(ids(await mine(me))).toEqual([kept.id]);
      const pending = await api(t, owner.token)
        .get(`/api/workspaces/${w.id}/invitations`)
        .expect(200);
      expect(ids(pending)).toEqual([kept.id]);
      const log = await api(t, owner.token)
        .get(`/api/workspaces/${w.id}/activity?type=invitation.declined`)
        .expect(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          type: 'invitation.declined',
          actorId: me.id,
          subjectType: 'invitation',
          subjectId: inv.id,
          payload: { role: 'member', broker: false },
        }),
      ]);
      expect(JSON.stringify(log.body.items[0])).not.toContain(me.email);

      const twice = await api(t, me.token)
        .post(`/api/me/invitations/${inv.id}/decline`)
        .expect(410);
      expect(twice.body.code).toBe('EXPIRED');
      await api(t, me.token).post(`/api/me/invitations/${inv.id}/accept`).expect(410);
      await api(t, me.token).post(`/api/invitations/${inv.token}/accept`).expect(410);
      const preview = await api(t, me.token).get(`/api/invitations/${inv.token}`).expect(200);
      expect(preview.body.status).toBe('revoked');
      await api(t, owner.token).delete(`/api/workspaces/${w.id}/invitations/${inv.id}`).expect(404);
      await api(t, me.token).get(`/api/workspaces/${w.id}`).expect(404);
    });

    it('needs credentials (401)', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      await api(t).get('/api/me/invitations').expect(401);
      await api(t).post(`/api/me/invitations/${id}/accept`).expect(401);
      await api(t).post(`/api/me/invitations/${id}/decline`).expect(401);
    });

    it('leaves the /api/me routes alone', async () => {
      const me = await registerUser(t);
      const res = await api(t, me.token).get('/api/me').expect(200);
      expect(res.body.id).toBe(me.id);
    });
  });
});
