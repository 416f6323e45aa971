import { startTestApp, type TestApp } from '../../../test/test-app';
import { api, createPartner, workspaceWithMembers } from '../../../test/factories';

describe('members (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists members in joining order, paginated', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
    ]);
    const path = `/api/workspaces/${workspace.id}/members`;
    const page1 = await api(t, members[1]!.token).get(`${path}?limit=2`).expect(200);
    expect(page1.body.items.map((m: { userId: string }) => m.userId)).toEqual([
      coordinator.id,
      members[0]!.id,
    ]);
    // An observer sees no emails; only coordinators do.
    expect(page1.body.items[1]).toEqual({
      workspaceId: workspace.id,
      userId: members[0]!.id,
      displayName: members[0]!.displayName,
      role: 'member',
      broker: false,
      partnerId: null,
      joinedAt: expect.stringMatching(/Z$/),
    });
    const page2 = await api(t, coordinator.token)
      .get(`${path}?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((m: { userId: string }) => m.userId)).toEqual([members[1]!.id]);
    expect(page2.body.items[0].email).toBe(members[1]!.email);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('the coordinator changes role, broker and partner; events are recorded', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const m = members[0]!;
    const { id: partnerId } = await createPartner(t, coordinator, workspace.id);
    const res = await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${m.id}`, {
        role: 'observer',
        broker: true,
        partnerId,
      })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'observer', broker: true, partnerId });
    const events = await api(t, coordinator.token)
      .get(`/api/workspaces/${workspace.id}/activity?type=member`)
      .expect(200);
    const types = events.body.items.map((e: { type: string }) => e.type);
    expect(types.slice(0, 2).sort()).toEqual(['member.role_changed', 'member.updated']);
    const roleChanged = events.body.items.find(
      (e: { type: string }) => e.type === 'member.role_changed',
    );
    expect(roleChanged.payload).toEqual({
      userId: m.id,
      from: { role: 'member', broker: false },
      to: { role: 'observer', broker: true },
    });
    const unlink = await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${m.id}`, { partnerId: null })
      .expect(200);
    expect(unlink.body.partnerId).toBeNull();
    const bad = await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${m.id}`, { role: 'king', partnerId: 'x' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'partnerId',
      'role',
    ]);
  });

  it('only coordinators change members (403); unknown member is 404', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    await api(t, members[0]!.token)
      .patch(`/api/workspaces/${workspace.id}/members/${coordinator.id}`, { role: 'member' })
      .expect(403);
    await api(t, members[0]!.token)
      .delete(`/api/workspaces/${workspace.id}/members/${coordinator.id}`)
      .expect(403);
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/22222222-2222-4222-8222-222222222222`, {})
      .expect(404);
  });

  it('the last coordinator can be neither demoted nor removed (409 LAST_COORDINATOR)', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const path = `/api/workspaces/${workspace.id}/members`;
    const demote = await api(t, coordinator.token)
      .patch(`${path}/${coordinator.id}`, { role: 'member' })
      .expect(409);
    expect(demote.body.code).toBe('LAST_COORDINATOR');
    const leave = await api(t, coordinator.token).delete(`${path}/${coordinator.id}`).expect(409);
    expect(leave.body.code).toBe('LAST_COORDINATOR');
    // Broker flag alone is fine for the last coordinator.
    await api(t, coordinator.token)
      .patch(`${path}/${coordinator.id}`, { broker: true })
      .expect(200);
    // After promoting someone else, the first may leave.
    await api(t, coordinator.token)
      .patch(`${path}/${members[0]!.id}`, { role: 'coordinator' })
      .expect(200);
    await api(t, coordinator.token).delete(`${path}/${coordinator.id}`).expect(204);
    await api(t, coordinator.token).get(`/api/workspaces/${workspace.id}`).expect(404);
  });

  it('two coordinators demoting each other at once: exactly one succeeds', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['coordinator']);
    const other = members[0]!;
    const path = `/api/workspaces/${workspace.id}/members`;
    const [a, b] = await Promise.all([
      api(t, coordinator.token).patch(`${path}/${coordinator.id}`, { role: 'member' }),
      api(t, other.token).patch(`${path}/${other.id}`, { role: 'member' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const list = await api(t, coordinator.token).get(path).expect(200);
    expect(list.body.items.filter((m: { role: string }) => m.role === 'coordinator')).toHaveLength(
      1,
    );
  });

  it('a member leaves; a coordinator removes someone; both are 404 afterwards', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
    ]);
    const path = `/api/workspaces/${workspace.id}/members`;
    await api(t, members[0]!.token).delete(`${path}/${members[0]!.id}`).expect(204);
    await api(t, coordinator.token).delete(`${path}/${members[1]!.id}`).expect(204);
    for (const m of members)
      await api(t, m.token).get(`/api/workspaces/${workspace.id}`).expect(404);
    const events = await api(t, coordinator.token)
      .get(`/api/workspaces/${workspace.id}/activity?type=member.left`)
      .expect(200);
    expect(
      events.body.items.map((e: { payload: { removed: boolean } }) => e.payload.removed),
    ).toEqual([true, false]);
  });
});
