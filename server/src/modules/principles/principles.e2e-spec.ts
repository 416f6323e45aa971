import { api, workspaceWithMembers } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('principles (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('coordinators write; the list keeps the order given on create and on PATCH, ties by creation', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const path = `/api/workspaces/${workspace.id}/principles`;
    const c = api(t, coordinator.token);
    const titles = async () =>
      (await api(t, members[0]!.token).get(path).expect(200)).body.items.map(
        (p: { title: string; order: number }) => `${p.order}:${p.title}`,
      );
    const a = (await c.post(path, { title: 'A', description: 'first' }).expect(201)).body;
    expect(a).toMatchObject({ title: 'A', description: 'first', order: 0 });
    const b = (await c.post(path, { title: 'B', order: 20 }).expect(201)).body;
    expect(b.order).toBe(20);
    await c.post(path, { title: 'C', order: 10 }).expect(201);
    // Without an order: after the largest.
    await c.post(path, { title: 'D' }).expect(201);
    // A tie: the older one first.
    await c.post(path, { title: 'Z', order: 0 }).expect(201);
    expect(await titles()).toEqual(['0:A', '0:Z', '10:C', '20:B', '21:D']);
    await c.patch(`${path}/${a.id}`, { order: 99 }).expect(200);
    expect(await titles()).toEqual(['0:Z', '10:C', '20:B', '21:D', '99:A']);
    const moved = await c.patch(`${path}/${a.id}`, { order: 15, title: 'A2' }).expect(200);
    expect(moved.body).toMatchObject({ title: 'A2', order: 15 });
    expect(await titles()).toEqual(['0:Z', '10:C', '15:A2', '20:B', '21:D']);
    await c.delete(`${path}/${b.id}`).expect(204);
    expect(await titles()).toEqual(['0:Z', '10:C', '15:A2', '21:D']);
    const page = await api(t, members[0]!.token).get(`${path}?limit=2`).expect(200);
    expect(page.body.items).toHaveLength(2);
    const rest = await api(t, members[0]!.token)
      .get(`${path}?limit=2&cursor=${page.body.nextCursor}`)
      .expect(200);
    expect(rest.body).toMatchObject({
      items: [{ title: 'A2' }, { title: 'D' }],
      nextCursor: null,
    });

    await api(t, members[0]!.token).post(path, { title: 'X' }).expect(403);
    await api(t, members[0]!.token).patch(`${path}/${a.id}`, { title: 'X' }).expect(403);
    await api(t, members[0]!.token).delete(`${path}/${a.id}`).expect(403);
    const bad = await c.post(path, { title: '', order: -1, description: 5 }).expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'description',
      'order',
      'title',
    ]);
    await c.patch(`${path}/${b.id}`, { title: 'gone' }).expect(404);
    await c.delete(`${path}/nope`).expect(404);
    const events = await c
      .get(`/api/workspaces/${workspace.id}/activity?type=principle`)
      .expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'principle.deleted',
      'principle.updated',
      'principle.updated',
      'principle.created',
      'principle.created',
      'principle.created',
      'principle.created',
      'principle.created',
    ]);
  });

  it('parallel creates without an order each get their own place', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const path = `/api/workspaces/${workspace.id}/principles`;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api(t, coordinator.token)
          .post(path, { title: `P${i}` })
          .expect(201),
      ),
    );
    const list = await api(t, coordinator.token).get(path).expect(200);
    expect(list.body.items.map((p: { order: number }) => p.order)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });
});
