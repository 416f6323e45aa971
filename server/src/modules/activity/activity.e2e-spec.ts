import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  createPartner,
  createWorkspace,
  registerUser,
} from '../../../test/factories';

describe('activity log (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function busyWorkspace() {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const { id: partnerId } = await createPartner(t, owner, w.id);
    const m = await addMember(t, owner, w.id, 'member', { partnerId });
    for (const stage of ['catalysing_initiating', 'dynamic_experimentation'] as const) {
      await api(t, owner.token).patch(`/api/workspaces/${w.id}`, { stage }).expect(200);
    }
    return { owner, w, m, partnerId };
  }

  it('answers newest first by seq with an opaque cursor', async () => {
    const { owner, w } = await busyWorkspace();
    const all = await api(t, owner.token).get(`/api/workspaces/${w.id}/activity`).expect(200);
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.items.map((e: { type: string }) => e.type)).toEqual([
      'workspace.stage_changed',
      'workspace.stage_changed',
      'member.joined',
      'invitation.created',
      'partner.added',
      'member.joined',
      'workspace.created',
    ]);
    expect(all.body.nextCursor).toBeNull();
    const e = all.body.items[0];
    expect(Object.keys(e).sort()).toEqual(
      [
        'id',
        'seq',
        'workspaceId',
        'type',
        'actorId',
        'subjectType',
        'subjectId',
        'partnerIds',
        'payload',
        'createdAt',
      ].sort(),
    );

    const collected: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { seq: number }[]; nextCursor: string | null } } = await api(
        t,
        owner.token,
      )
        .get(`/api/workspaces/${w.id}/activity?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      collected.push(...page.body.items.map((x) => x.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(collected).toEqual(seqs);
  });

  it('filters by exact type, by prefix, and by partner; rejects unknown filters', async () => {
    const { owner, w, m, partnerId } = await busyWorkspace();
    const path = `/api/workspaces/${w.id}/activity`;
    const exact = await api(t, owner.token).get(`${path}?type=member.joined`).expect(200);
    expect(exact.body.items).toHaveLength(2);
    const prefix = await api(t, owner.token).get(`${path}?type=workspace`).expect(200);
    expect(prefix.body.items.map((e: { type: string }) => e.type)).toEqual([
      'workspace.stage_changed',
      'workspace.stage_changed',
      'workspace.created',
    ]);
    const byPartner = await api(t, m.token).get(`${path}?partnerId=${partnerId}`).expect(200);
    expect(byPartner.body.items.map((e: { type: string }) => e.type)).toEqual([
      'member.joined',
      'invitation.created',
      'partner.added',
    ]);
    for (const q of [
      'type=member.exploded',
      'type=bogus',
      'partnerId=nope',
      'limit=0',
      'cursor=%%%',
      'cursor=eyJ4IjoxfQ',
    ]) {
      const res = await api(t, owner.token).get(`${path}?${q}`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
