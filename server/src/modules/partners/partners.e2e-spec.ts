import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  createPartner,
  createWorkspace,
  invite,
  partnerWithRepresentative,
  registerUser,
  workspaceWithMembers,
} from '../../../test/factories';

describe('partners (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a coordinator adds an active partner; members list, filter and page them', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const path = `/api/workspaces/${workspace.id}/partners`;
    const created = await api(t, coordinator.token)
      .post(path, {
        kind: 'organisation',
        name: '  Regina Mundi  ',
        actorType: 'education',
        tier: 'core',
        weight: 2.5,
        motivations: ['mission_fit', 'learn_from_partners', 'mission_fit'],
        contributions: { expertise: ['coaching'], targetGroups: ['pupils'] },
        website: 'https://example.org',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      workspaceId: workspace.id,
      kind: 'organisation',
      name: 'Regina Mundi',
      tier: 'core',
      status: 'active',
      weight: 2.5,
      motivations: ['mission_fit', 'learn_from_partners'],
      contributions: { expertise: ['coaching'], targetGroups: ['pupils'], resources: [] },
      affiliationPartnerId: null,
      description: '',
      website: 'https://example.org',
      leftAt: null,
      joinedAt: expect.stringMatching(/Z$/),
    });
    const broad = await createPartner(t, coordinator, workspace.id, { actorType: 'sports' });
    expect(broad).toMatchObject({ tier: 'broad', weight: 1 });
    const third = await createPartner(t, coordinator, workspace.id, { tier: 'core' });

    const viewer = members[0]!;
    const all = await api(t, viewer.token).get(`${path}?limit=2`).expect(200);
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id, broad.id]);
    const rest = await api(t, viewer.token)
      .get(`${path}?limit=2&cursor=${all.body.nextCursor}`)
      .expect(200);
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ id: third.id })],
      nextCursor: null,
    });
    const core = await api(t, viewer.token).get(`${path}?tier=core&status=active`).expect(200);
    expect(core.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id, third.id]);
    const sports = await api(t, viewer.token).get(`${path}?actorType=sports`).expect(200);
    expect(sports.body.items.map((p: { id: string }) => p.id)).toEqual([broad.id]);
    for (const q of ['tier=gold', 'status=dead', 'actorType=bank', 'limit=0', 'cursor=@@']) {
      const res = await api(t, viewer.token).get(`${path}?${q}`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const events = await api(t, viewer.token)
      .get(`/api/workspaces/${workspace.id}/activity?type=partner.added`)
      .expect(200);
    expect(events.body.items).toHaveLength(3);
    expect(events.body.items[2].partnerIds).toEqual([created.body.id]);
  });

  it('only coordinators create (403 before 400); bad input is a 400 naming each field', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const path = `/api/workspaces/${workspace.id}/partners`;
    await api(t, members[0]!.token).post(path, { name: 'x' }).expect(403);
    const bad = await api(t, coordinator.token)
      .post(path, {
        kind: 'robot',
        name: 'x'.repeat(201),
        actorType: 'bank',
        weight: -1,
        motivations: ['money'],
        contributions: { expertise: Array(201).fill('x') },
        website: 'ftp://x',
      })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'actorType',
      'contributions.expertise',
      'kind',
      'motivations.0',
      'name',
      'website',
      'weight',
    ]);
  });

  it('affiliation: individuals only, with an organisation of the same workspace', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const path = `/api/workspaces/${workspace.id}/partners`;
    const org = await createPartner(t, coordinator, workspace.id);
    const person = await createPartner(t, coordinator, workspace.id, {
      kind: 'individual',
      actorType: 'citizen',
      affiliationPartnerId: org.id,
    });
    expect(person.affiliationPartnerId).toBe(org.id);
    const base = { kind: 'individual', name: 'P', actorType: 'citizen' };
    const notOrg = await api(t, coordinator.token)
      .post(path, { ...base, affiliationPartnerId: person.id })
      .expect(400);
    expect(notOrg.body.details[0].path).toEqual(['affiliationPartnerId']);
    const orgAffiliated = await api(t, coordinator.token)
      .post(path, { ...base, kind: 'organisation', affiliationPartnerId: org.id })
      .expect(400);
    expect(orgAffiliated.body.details[0].path).toEqual(['affiliationPartnerId']);
    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await createPartner(t, other, otherWs.id);
    const cross = await api(t, coordinator.token)
      .post(path, { ...base, affiliationPartnerId: foreign.id })
      .expect(400);
    expect(cross.body.details[0].path).toEqual(['affiliationPartnerId']);
    // The organisation cannot become an individual while someone is affiliated with it.
    await api(t, coordinator.token).patch(`${path}/${org.id}`, { kind: 'individual' }).expect(409);
  });

  it('a representative edits its profile, not tier or weight; others get 403', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const { partner, rep } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const path = `/api/workspaces/${workspace.id}/partners/${partner.id}`;
    const res = await api(t, rep.token)
      .patch(path, {
        name: 'Renamed',
        description: 'We run a school',
        contributions: { resources: ['gym'] },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      description: 'We run a school',
      contributions: { expertise: [], targetGroups: [], resources: ['gym'] },
    });
    expect(res.body.representatives).toEqual([
      { userId: rep.id, displayName: rep.displayName, role: 'member', broker: false },
    ]);
    expect(res.body.history[0]).toMatchObject({
      type: 'partner.updated',
      actorId: rep.id,
      payload: { changes: { name: { from: partner.name, to: 'Renamed' } } },
    });
    await api(t, rep.token).patch(path, { tier: 'core' }).expect(403);
    await api(t, rep.token).patch(path, { weight: 5, name: 'x' }).expect(403);
    // 403 comes before 400: an outsider's invalid body is still a 403.
    await api(t, members[0]!.token).patch(path, { name: '' }).expect(403);
    const bad = await api(t, rep.token).patch(path, { name: '' }).expect(400);
    expect(bad.body.details[0].path).toEqual(['name']);
    const coord = await api(t, coordinator.token)
      .patch(path, { tier: 'core', weight: 3 })
      .expect(200);
    expect(coord.body).toMatchObject({ tier: 'core', weight: 3 });
  });

  it('cross-workspace ids are 404; member links must name a partner of the workspace', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await createPartner(t, other, otherWs.id);
    const path = `/api/workspaces/${workspace.id}/partners`;
    await api(t, coordinator.token).get(`${path}/${foreign.id}`).expect(404);
    await api(t, coordinator.token).get(`${path}/not-a-uuid`).expect(404);
    await api(t, coordinator.token).patch(`${path}/${foreign.id}`, { name: 'x' }).expect(404);
    await api(t, coordinator.token)
      .post(`${path}/${foreign.id}/leave`, { reason: 'x' })
      .expect(404);
    await api(t, coordinator.token).get(`/api/workspaces/${otherWs.id}/partners`).expect(404);
    const link = await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${members[0]!.id}`, {
        partnerId: foreign.id,
      })
      .expect(400);
    expect(link.body.details[0].path).toEqual(['partnerId']);
    const inv = await api(t, coordinator.token)
      .post(`/api/workspaces/${workspace.id}/invitations`, {
        role: 'member',
        partnerId: foreign.id,
      })
      .expect(400);
    expect(inv.body.details[0].path).toEqual(['partnerId']);
    const own = await createPartner(t, coordinator, workspace.id);
    await invite(t, coordinator, workspace.id, { partnerId: own.id });
  });

  it('a representative or coordinator makes a partner leave once; the history shows it', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member']);
    const { partner, rep } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const path = `/api/workspaces/${workspace.id}/partners/${partner.id}`;
    await api(t, members[0]!.token).post(`${path}/leave`, { reason: 'x' }).expect(403);
    const noReason = await api(t, rep.token).post(`${path}/leave`, {}).expect(400);
    expect(noReason.body.details[0].path).toEqual(['reason']);
    const left = await api(t, rep.token)
      .post(`${path}/leave`, { reason: 'Moved away' })
      .expect(200);
    expect(left.body).toMatchObject({ status: 'left', leftReason: 'Moved away' });
    expect(left.body.leftAt).toMatch(/Z$/);
    expect(left.body.history.map((e: { type: string }) => e.type)).toEqual([
      'partner.left',
      'member.joined',
      'invitation.created',
      'partner.added',
    ]);
    await api(t, coordinator.token).post(`${path}/leave`, { reason: 'again' }).expect(409);
    const obs = await addMember(t, coordinator, workspace.id, 'observer');
    await api(t, obs.token).get(path).expect(200);
  });

  it('lists and details name each partner’s representatives (several may represent one)', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const path = `/api/workspaces/${workspace.id}/partners`;
    const { partner, rep } = await partnerWithRepresentative(t, coordinator, workspace.id, {
      name: 'Two voices',
    });
    const second = await addMember(t, coordinator, workspace.id, 'member', {
      partnerId: partner.id,
    });
    const alone = await createPartner(t, coordinator, workspace.id, { name: 'Nobody yet' });
    const list = await api(t, coordinator.token).get(path).expect(200);
    const byId = new Map(
      list.body.items.map((p: { id: string; representatives: unknown }) => [
        p.id,
        p.representatives,
      ]),
    );
    expect(byId.get(partner.id)).toEqual([
      { userId: rep.id, displayName: rep.displayName },
      { userId: second.id, displayName: second.displayName },
    ]);
    expect(byId.get(alone.id)).toEqual([]);
    const detail = await api(t, coordinator.token).get(`${path}/${partner.id}`).expect(200);
    expect(detail.body.representatives.map((r: { userId: string }) => r.userId)).toEqual([
      rep.id,
      second.id,
    ]);
    // A member represents at most one partner: moving the link moves the representative.
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${second.id}`, { partnerId: alone.id })
      .expect(200);
    const after = await api(t, coordinator.token).get(`${path}/${alone.id}`).expect(200);
    expect(after.body.representatives).toEqual([
      { userId: second.id, displayName: second.displayName, role: 'member', broker: false },
    ]);
    const created = await api(t, coordinator.token)
      .post(path, { kind: 'organisation', name: 'Fresh', actorType: 'sports' })
      .expect(201);
    expect(created.body.representatives).toEqual([]);
  });
});
