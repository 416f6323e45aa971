import type { ActivityEventDto, ExperimentDto } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  connectSocket,
  createPartner,
  createWorkspace,
  joinWorkspace,
  nextEvent,
  partnerWithRepresentative,
  registerUser,
  workspaceWithMembers,
  type TestSocket,
} from '../../../test/factories';

describe('experiments (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  it('a coordinator creates one with defaults; members list, filter and page them', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const path = `/api/workspaces/${workspace.id}/experiments`;
    const a = await createPartner(t, coordinator, workspace.id);
    const b = await createPartner(t, coordinator, workspace.id);
    const minimal = await api(t, coordinator.token).post(path, { title: '  Homework café ' });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toEqual({
      id: expect.any(String),
      workspaceId: workspace.id,
      title: 'Homework café',
      hypothesis: '',
      description: '',
      status: 'idea',
      leadPartnerId: null,
      partnerIds: [],
      targetGroups: [],
      barriers: [],
      principleIds: [],
      neededExpertise: [],
      startDate: null,
      endDate: null,
      learnings: [],
      createdBy: coordinator.id,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      statusChangedAt: expect.stringMatching(/Z$/),
    });
    const full = await api(t, coordinator.token)
      .post(path, {
        title: 'Sports after school',
        hypothesis: 'Free sports lower the threshold',
        status: 'running',
        leadPartnerId: a.id,
        partnerIds: [a.id, b.id, a.id],
        targetGroups: ['teenagers'],
        barriers: ['financial', 'distance', 'financial'],
        neededExpertise: ['coaching'],
        startDate: '2026-02-01',
        endDate: '2026-06-30',
      })
      .expect(201);
    expect(full.body).toMatchObject({
      status: 'running',
      leadPartnerId: a.id,
      partnerIds: [a.id, b.id],
      barriers: ['financial', 'distance'],
      startDate: '2026-02-01',
      endDate: '2026-06-30',
    });
    const third = await api(t, coordinator.token)
      .post(path, { title: 'Third', partnerIds: [b.id] })
      .expect(201);

    const viewer = members[0]!;
    const page1 = await api(t, viewer.token).get(`${path}?limit=2`).expect(200);
    expect(page1.body.items.map((e: ExperimentDto) => e.id)).toEqual([third.body.id, full.body.id]);
    const page2 = await api(t, viewer.token)
      .get(`${path}?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toEqual({ items: [minimal.body], nextCursor: null });
    const running = await api(t, viewer.token).get(`${path}?status=running`).expect(200);
    expect(running.body.items.map((e: ExperimentDto) => e.id)).toEqual([full.body.id]);
    const withB = await api(t, viewer.token).get(`${path}?partnerId=${b.id}`).expect(200);
    expect(withB.body.items.map((e: ExperimentDto) => e.id)).toEqual([third.body.id, full.body.id]);
    for (const q of ['status=done', 'partnerId=x', 'limit=201', 'cursor=!!']) {
      const res = await api(t, viewer.token).get(`${path}?${q}`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await api(t, viewer.token).get(`${path}/${full.body.id}`).expect(200, full.body);
  });

  it('bad input is a 400 naming each field; ids must belong to the workspace', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const path = `/api/workspaces/${workspace.id}/experiments`;
    const p = await createPartner(t, coordinator, workspace.id);
    const q = await createPartner(t, coordinator, workspace.id);
    const bad = await api(t, coordinator.token)
      .post(path, {
        title: '',
        status: 'finished',
        barriers: ['money'],
        startDate: '2026-02-30',
        endDate: 'tomorrow',
        targetGroups: Array(201).fill('x'),
        partnerIds: ['nope'],
      })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'barriers.0',
      'endDate',
      'partnerIds.0',
      'startDate',
      'status',
      'targetGroups',
      'title',
    ]);
    const lead = await api(t, coordinator.token)
      .post(path, { title: 'x', leadPartnerId: p.id, partnerIds: [q.id] })
      .expect(400);
    expect(lead.body.details).toEqual([
      {
        path: ['leadPartnerId'],
        message: expect.any(String),
        issue: 'custom',
        rule: 'lead_not_involved',
      },
    ]);
    const dates = await api(t, coordinator.token)
      .post(path, { title: 'x', startDate: '2026-03-02', endDate: '2026-03-01' })
      .expect(400);
    expect(dates.body.details[0]).toMatchObject({ path: ['endDate'], rule: 'end_before_start' });
    await api(t, coordinator.token)
      .post(path, { title: 'x', startDate: '2026-03-01', endDate: '2026-03-01' })
      .expect(201);

    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await createPartner(t, other, otherWs.id);
    const cross = await api(t, coordinator.token)
      .post(path, { title: 'x', partnerIds: [p.id, foreign.id] })
      .expect(400);
    expect(cross.body.details[0].path).toEqual(['partnerIds']);
    // A partner's id is not a principle of this workspace.
    const principle = await api(t, coordinator.token)
      .post(path, { title: 'x', principleIds: [p.id] })
      .expect(400);
    expect(principle.body.message).toBe(`principleIds: unknown principle: ${p.id}`);

    const created = await api(t, coordinator.token)
      .post(path, { title: 'x', partnerIds: [p.id], leadPartnerId: p.id })
      .expect(201);
    const one = `${path}/${created.body.id}`;
    // The PATCH is checked against the experiment as it would become.
    const drop = await api(t, coordinator.token)
      .patch(one, { partnerIds: [q.id] })
      .expect(400);
    expect(drop.body.details[0].path).toEqual(['leadPartnerId']);
    await api(t, coordinator.token)
      .patch(one, { partnerIds: [q.id], leadPartnerId: null })
      .expect(200);
    const end = await api(t, coordinator.token).patch(one, { startDate: '2026-05-01' }).expect(200);
    expect(end.body.startDate).toBe('2026-05-01');
    await api(t, coordinator.token).patch(one, { endDate: '2026-04-30' }).expect(400);
    for (const evidenceUrl of ['javascript:alert(1)', 'ftp://x.org/a', '/relative', 'http://']) {
      const res = await api(t, coordinator.token)
        .post(`${one}/learnings`, { text: 'x', evidenceUrl })
        .expect(400);
      expect(res.body.details[0].path).toEqual(['evidenceUrl']);
    }
    const empty = await api(t, coordinator.token).post(`${one}/learnings`, { text: ' ' });
    expect(empty.status).toBe(400);
    await api(t, coordinator.token).get(`${path}/${foreign.id}`).expect(404);
    await api(t, coordinator.token).get(`${path}/not-a-uuid`).expect(404);
    await api(t, coordinator.token).patch(`${path}/not-a-uuid`, { title: 'y' }).expect(404);
    await api(t, other.token).get(one).expect(404);
  });

  it('coordinators and members with a partner write; observers and partnerless members get 403 before 400', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'observer',
      'member',
    ]);
    const [observer, partnerless] = members as [(typeof members)[0], (typeof members)[0]];
    const { partner, rep } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const path = `/api/workspaces/${workspace.id}/experiments`;
    const made = await api(t, rep.token)
      .post(path, { title: 'By a representative', partnerIds: [partner.id] })
      .expect(201);
    const one = `${path}/${made.body.id}`;
    for (const who of [observer, partnerless]) {
      await api(t, who.token).post(path, { title: '' }).expect(403);
      await api(t, who.token).patch(one, { title: '' }).expect(403);
      await api(t, who.token).post(`${one}/learnings`, { text: '' }).expect(403);
      await api(t, who.token).get(one).expect(200);
    }
    // A broker without a partner is still partnerless.
    const broker = await addMember(t, coordinator, workspace.id, 'member', { broker: true });
    await api(t, broker.token).post(path, { title: 'x' }).expect(403);
    await api(t, rep.token).patch(one, { status: 'preparing' }).expect(200);
    await api(t, coordinator.token).patch(one, { status: 'stopped' }).expect(200);
  });

  it('status changes and learnings reach a second client live, and every change is in the log', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const { partner: a, rep } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const b = await createPartner(t, coordinator, workspace.id);
    const path = `/api/workspaces/${workspace.id}/experiments`;
    const watcher = await connectSocket(t, { token: coordinator.token });
    sockets.push(watcher);
    expect(await joinWorkspace(watcher, workspace.id)).toEqual({ ok: true });

    const createdEvent = nextEvent(watcher, (e) => e.type === 'experiment.created');
    const created = await api(t, rep.token)
      .post(path, { title: 'Reading club', partnerIds: [a.id], leadPartnerId: a.id })
      .expect(201);
    const id = created.body.id as string;
    expect(await createdEvent).toMatchObject({
      subjectType: 'experiment',
      subjectId: id,
      actorId: rep.id,
      partnerIds: [a.id],
      payload: { title: 'Reading club', status: 'idea', partnerIds: [a.id], leadPartnerId: a.id },
    });

    // Dragging a card anywhere: idea → running is allowed, from/to recorded.
    const moved = nextEvent(watcher, (e) => e.type === 'experiment.status_changed');
    const started = Date.now();
    const patched = await api(t, rep.token).patch(`${path}/${id}`, { status: 'running' });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('running');
    expect(Date.parse(patched.body.statusChangedAt)).toBeGreaterThan(
      Date.parse(created.body.statusChangedAt) - 1,
    );
    const e1 = await moved;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e1).toMatchObject({
      subjectId: id,
      partnerIds: [a.id],
      payload: { from: 'idea', to: 'running', partnerIds: [a.id] },
    });

    const updated = nextEvent(watcher, (e) => e.type === 'experiment.updated');
    await api(t, rep.token)
      .patch(`${path}/${id}`, { partnerIds: [a.id, b.id], hypothesis: 'Reading together helps' })
      .expect(200);
    expect(await updated).toMatchObject({
      partnerIds: [a.id, b.id],
      payload: {
        fields: ['partnerIds', 'hypothesis'],
        changes: { partnerIds: { from: [a.id], to: [a.id, b.id] } },
        partnerIds: [a.id, b.id],
        leadPartnerId: a.id,
      },
    });

    const learned = nextEvent(watcher, (e) => e.type === 'experiment.learning_added');
    const first = await api(t, rep.token)
      .post(`${path}/${id}/learnings`, { text: 'Parents came too' })
      .expect(201);
    const second = await api(t, coordinator.token)
      .post(`${path}/${id}/learnings`, {
        text: 'Evening slots work better',
        evidenceUrl: 'https://example.org/report.pdf',
      })
      .expect(201);
    expect(await learned).toMatchObject({
      actorId: rep.id,
      partnerIds: [a.id, b.id],
      payload: { text: 'Parents came too', learningId: first.body.learnings[0].id },
    });
    expect(second.body.learnings).toEqual([
      {
        id: expect.any(String),
        text: 'Evening slots work better',
        evidenceUrl: 'https://example.org/report.pdf',
        authorId: coordinator.id,
        createdAt: expect.stringMatching(/Z$/),
      },
      first.body.learnings[0],
    ]);
    expect(Date.parse(second.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(second.body.learnings[0].createdAt),
    );

    // A no-op PATCH records nothing.
    await api(t, rep.token).patch(`${path}/${id}`, { status: 'running', title: 'Reading club' });
    const log = await api(t, coordinator.token)
      .get(`/api/workspaces/${workspace.id}/activity?type=experiment`)
      .expect(200);
    expect(log.body.items.map((e: ActivityEventDto) => e.type)).toEqual([
      'experiment.learning_added',
      'experiment.learning_added',
      'experiment.updated',
      'experiment.status_changed',
      'experiment.created',
    ]);
    // The partner's history shows the experiment.
    const forB = await api(t, coordinator.token)
      .get(`/api/workspaces/${workspace.id}/activity?partnerId=${b.id}&type=experiment`)
      .expect(200);
    expect(forB.body.items).toHaveLength(3);
  });

  it('experiments name only principles of their own workspace', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const w = `/api/workspaces/${workspace.id}`;
    const principle = await api(t, coordinator.token)
      .post(`${w}/principles`, { title: 'Talent first' })
      .expect(201);
    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await api(t, other.token)
      .post(`/api/workspaces/${otherWs.id}/principles`, { title: 'Elsewhere' })
      .expect(201);

    const ok = await api(t, coordinator.token)
      .post(`${w}/experiments`, { title: 'x', principleIds: [principle.body.id] })
      .expect(201);
    expect(ok.body.principleIds).toEqual([principle.body.id]);
    const bad = await api(t, coordinator.token)
      .post(`${w}/experiments`, { title: 'x', principleIds: [principle.body.id, foreign.body.id] })
      .expect(400);
    expect(bad.body.message).toBe(`principleIds: unknown principle: ${foreign.body.id}`);

    // A principle deleted since does not block other edits of the experiment.
    await api(t, coordinator.token).delete(`${w}/principles/${principle.body.id}`).expect(204);
    await api(t, coordinator.token)
      .patch(`${w}/experiments/${ok.body.id}`, { title: 'y', principleIds: [principle.body.id] })
      .expect(200);
  });

  it('coordinators and the lead partner’s representatives delete; then it is gone (404), logged', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const { partner: lead, rep: leadRep } = await partnerWithRepresentative(
      t,
      coordinator,
      workspace.id,
    );
    const { partner: other, rep: otherRep } = await partnerWithRepresentative(
      t,
      coordinator,
      workspace.id,
    );
    const path = `/api/workspaces/${workspace.id}/experiments`;
    const make = async (title: string) =>
      (
        await api(t, coordinator.token)
          .post(path, { title, partnerIds: [lead.id, other.id], leadPartnerId: lead.id })
          .expect(201)
      ).body as ExperimentDto;
    const first = await make('Sport na school');
    await api(t, coordinator.token)
      .post(`${path}/${first.id}/learnings`, { text: 'Kids came back' })
      .expect(201);
    // A partner in it but not the lead: 403; an unknown one: 404.
    await api(t, otherRep.token).delete(`${path}/${first.id}`).expect(403);
    await api(t, coordinator.token).delete(`${path}/${crypto.randomUUID()}`).expect(404);
    await api(t, leadRep.token).delete(`${path}/${first.id}`).expect(204);
    await api(t, coordinator.token).get(`${path}/${first.id}`).expect(404);
    await api(t, leadRep.token).delete(`${path}/${first.id}`).expect(404);
    const second = await make('Huiswerkklas');
    await api(t, coordinator.token).delete(`${path}/${second.id}`).expect(204);
    expect((await api(t, coordinator.token).get(path).expect(200)).body.items).toEqual([]);
    const log = await api(t, coordinator.token)
      .get(`/api/workspaces/${workspace.id}/activity?type=experiment.deleted`)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ actorId: coordinator.id, subjectId: second.id }),
      expect.objectContaining({
        actorId: leadRep.id,
        subjectId: first.id,
        partnerIds: [lead.id, other.id],
        payload: expect.objectContaining({ title: 'Sport na school', learningCount: 1 }),
      }),
    ]);
  });
});
