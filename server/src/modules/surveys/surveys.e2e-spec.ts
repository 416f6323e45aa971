import type { ActivityEventDto, NotificationDto, SurveyTieInput } from '@coalesce/shared';
import { sql } from '../../../test/db';
import { eventually } from '../../../test/decisions';
import {
  addMember,
  api,
  connectSocket,
  joinWorkspace,
  nextEvent,
  partnerWithRepresentative,
  registerUser,
  workspaceWithMembers,
  type TestSocket,
} from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

const rated = (partnerId: string, n: number, level: SurveyTieInput['level'] = 'coordination') => ({
  partnerId,
  worksWith: true,
  level,
  trust: { reliability: n, missionSupport: n, openness: n },
  value: { influence: n, involvement: n, resourceContribution: n },
  contributions: ['expertise'],
});

describe('surveys (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  /** A workspace with four partners (A–D), each with a representative, and an observer. */
  async function scenario() {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const parts = [];
    for (const name of ['A', 'B', 'C', 'D']) {
      parts.push(await partnerWithRepresentative(t, coordinator, workspace.id, { name }));
    }
    const plain = await addMember(t, coordinator, workspace.id, 'member');
    const path = `/api/workspaces/${workspace.id}/surveys`;
    return { coordinator, workspace, observer: members[0]!, plain, parts, path };
  }

  const open = async (s: Awaited<ReturnType<typeof scenario>>, body: object = {}) =>
    (
      await api(t, s.coordinator.token)
        .post(s.path, { title: 'Spring', closesAt: inDays(14), ...body })
        .expect(201)
    ).body;

  it('coordinators open waves (403 before 400); the roster is frozen; 404 for unknown ids', async () => {
    const s = await scenario();
    for (const who of [s.observer, s.plain, s.parts[0]!.rep]) {
      await api(t, who.token)
        .post(s.path, { title: 'x', closesAt: inDays(1) })
        .expect(403);
      await api(t, who.token).post(s.path, {}).expect(403);
    }
    await api(t)
      .post(s.path, { title: 'x', closesAt: inDays(1) })
      .expect(401);
    const bad = await api(t, s.coordinator.token)
      .post(s.path, { title: '', closesAt: 'tomorrow' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'closesAt',
      'title',
    ]);
    const past = await api(t, s.coordinator.token)
      .post(s.path, { title: 'x', closesAt: inDays(-1) })
      .expect(400);
    expect(past.body.details[0]).toMatchObject({
      path: ['closesAt'],
      rule: 'survey_closes_in_future',
    });
    await api(t, s.coordinator.token)
      .post(s.path, { title: 'x', opensAt: inDays(3), closesAt: inDays(2) })
      .expect(400);

    const wave = await open(s);
    expect(wave).toMatchObject({
      title: 'Spring',
      status: 'open',
      declaredStage: 'hypothesis_vision',
      responseCount: 0,
      respondedPartnerIds: [],
    });
    expect(wave.roster.map((r: { name: string }) => r.name).sort()).toEqual(['A', 'B', 'C', 'D']);
    const list = await api(t, s.observer.token).get(s.path).expect(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([wave.id]);
    await api(t, s.observer.token).get(`${s.path}/${wave.id}`).expect(200);
    await api(t, s.observer.token).get(`${s.path}/not-a-uuid`).expect(404);
    await api(t, s.observer.token).get(`${s.path}/${s.workspace.id}`).expect(404);
    const stranger = await registerUser(t);
    await api(t, stranger.token).get(`${s.path}/${wave.id}`).expect(404);
    await api(t, s.observer.token).get(`${s.path}?limit=0`).expect(400);
  });

  it('a representative answers for their partner and may revise it; precedence 404 → 403 → 400 → 409', async () => {
    const s = await scenario();
    const wave = await open(s);
    const [a, b, c] = s.parts;
    const answer = `${s.path}/${wave.id}/responses/${a!.partner.id}`;
    const body = { ties: [rated(b!.partner.id, 3)], stage: { vision_forming: 3 } };

    await api(t, a!.rep.token)
      .put(`${s.path}/${s.workspace.id}/responses/${a!.partner.id}`, body)
      .expect(404);
    await api(t, a!.rep.token)
      .put(`${s.path}/${wave.id}/responses/${s.workspace.id}`, body)
      .expect(404);
    for (const who of [b!.rep, s.observer, s.plain, s.coordinator]) {
      await api(t, who.token).put(answer, body).expect(403);
      await api(t, who.token).put(answer, { ties: 'x' }).expect(403);
    }
    const invalid = await api(t, a!.rep.token)
      .put(answer, {
        ties: [{ partnerId: b!.partner.id, worksWith: true }, { ...rated(a!.partner.id, 2) }],
        stage: { nonsense: 2, vision_forming: 5 },
      })
      .expect(400);
    expect(
      invalid.body.details.map((d: { path: (string | number)[] }) => d.path.join('.')).sort(),
    ).toEqual([
      'stage.nonsense',
      'stage.vision_forming',
      'ties.0.level',
      'ties.0.trust',
      'ties.0.value',
    ]);
    const self = await api(t, a!.rep.token)
      .put(answer, { ties: [rated(a!.partner.id, 2)] })
      .expect(400);
    expect(self.body.details[0]).toMatchObject({
      path: ['ties', 0, 'partnerId'],
      rule: 'survey_self',
    });

    const socket = await connectSocket(t, { token: s.coordinator.token });
    sockets.push(socket);
    await joinWorkspace(socket, s.workspace.id);
    const submitted = nextEvent(socket, (e) => e.type === 'survey.response_submitted');
    const first = await api(t, a!.rep.token).put(answer, body).expect(200);
    expect(first.body).toMatchObject({
      waveId: wave.id,
      partnerId: a!.partner.id,
      ties: [rated(b!.partner.id, 3)],
      stage: { vision_forming: 3 },
      submittedBy: a!.rep.id,
    });
    const e: ActivityEventDto = await submitted;
    expect(e.payload).toEqual({
      waveId: wave.id,
      title: 'Spring',
      partnerId: a!.partner.id,
      partnerName: 'A',
      revised: false,
    });
    // Another representative of A revises it: still one response.
    const second = await addMember(t, s.coordinator, s.workspace.id, 'member', {
      partnerId: a!.partner.id,
    });
    const revisedEvent = nextEvent(socket, (x) => x.type === 'survey.response_submitted');
    await api(t, second.token)
      .put(answer, { ties: [rated(c!.partner.id, 2, 'collaboration')] })
      .expect(200);
    expect((await revisedEvent).payload.revised).toBe(true);
    const detail = await api(t, s.observer.token).get(`${s.path}/${wave.id}`).expect(200);
    expect(detail.body).toMatchObject({ responseCount: 1, respondedPartnerIds: [a!.partner.id] });

    // Closed: 409 (after 400 for a bad body).
    const closing = nextEvent(socket, (x) => x.type === 'survey.closed');
    await api(t, s.parts[1]!.rep.token).post(`${s.path}/${wave.id}/close`).expect(403);
    const closed = await api(t, s.coordinator.token).post(`${s.path}/${wave.id}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    expect((await closing).payload).toMatchObject({ responseCount: 1, rosterSize: 4 });
    await api(t, s.coordinator.token).post(`${s.path}/${wave.id}/close`).expect(409);
    await api(t, a!.rep.token).put(answer, { ties: 'x' }).expect(400);
    await api(t, a!.rep.token).put(answer, body).expect(409);

    // Not yet open: 409 too.
    const later = await open(s, { opensAt: inDays(2), closesAt: inDays(5) });
    expect(later.status).toBe('scheduled');
    await api(t, a!.rep.token)
      .put(`${s.path}/${later.id}/responses/${a!.partner.id}`, body)
      .expect(409);
  });

  it('individual answers: coordinators and the partner itself; everyone else sees aggregates from 3 raters', async () => {
    const s = await scenario();
    const wave = await open(s);
    const [a, b, c, d] = s.parts;
    const put = (p: (typeof s.parts)[number], ties: object[], stage: object = {}) =>
      api(t, p.rep.token)
        .put(`${s.path}/${wave.id}/responses/${p.partner.id}`, { ties, stage })
        .expect(200);
    await put(a!, [rated(d!.partner.id, 4, 'collaboration')], {
      vision_forming: 4,
      experiments_evidence: 2,
    });
    await put(b!, [rated(d!.partner.id, 3)], { vision_forming: 2 });

    const scores = () => api(t, s.observer.token).get(`${s.path}/${wave.id}/scores`).expect(200);
    let sc = (await scores()).body;
    const scoreOf = (body: typeof sc, id: string) =>
      body.partners.find((p: { partnerId: string }) => p.partnerId === id);
    expect(scoreOf(sc, d!.partner.id).trust).toEqual({ value: null, raters: 2 });
    expect(sc.network).toMatchObject({ respondents: 2, density: null, trust: null });
    expect(sc.stageProfile.byStage.hypothesis_vision).toEqual({ value: null, raters: 2 });

    await put(c!, [rated(d!.partner.id, 2), { partnerId: a!.partner.id, worksWith: false }], {
      vision_forming: 3,
    });
    sc = (await scores()).body;
    expect(scoreOf(sc, d!.partner.id).trust).toEqual({ value: 3, raters: 3 });
    expect(sc.network).toMatchObject({
      respondents: 3,
      rosterSize: 4,
      density: 0.5,
      trust: 3,
      value: 3,
    });
    expect(sc.stageProfile.byStage.hypothesis_vision).toEqual({ value: 3, raters: 3 });
    expect(sc.previous).toBeNull();
    expect(JSON.stringify(sc)).not.toContain('reliability');

    // Individual answers.
    const one = `${s.path}/${wave.id}/responses/${a!.partner.id}`;
    await api(t, s.coordinator.token).get(one).expect(200);
    await api(t, a!.rep.token).get(one).expect(200);
    for (const who of [b!.rep, s.observer, s.plain]) await api(t, who.token).get(one).expect(403);
    await api(t, s.coordinator.token)
      .get(`${s.path}/${wave.id}/responses/${d!.partner.id}`)
      .expect(404);
    const all = await api(t, s.coordinator.token).get(`${s.path}/${wave.id}/responses`).expect(200);
    expect(all.body.items).toHaveLength(3);
    for (const who of [a!.rep, s.observer, s.plain]) {
      await api(t, who.token).get(`${s.path}/${wave.id}/responses`).expect(403);
    }

    // The map's layer: perceived ties (level only), beside the logged ones.
    const layer = await api(t, s.observer.token)
      .get(`/api/workspaces/${s.workspace.id}/network/perceived`)
      .expect(200);
    expect(layer.body.wave).toMatchObject({ id: wave.id, title: 'Spring', status: 'open' });
    expect(layer.body.edges).toHaveLength(3);
    expect(layer.body.differences).toEqual([
      expect.objectContaining({ kind: 'collaborating_without_experiment' }),
    ]);

    // A second wave: the change since the first.
    await api(t, s.coordinator.token).post(`${s.path}/${wave.id}/close`).expect(200);
    const next = await open(s, { title: 'Autumn' });
    for (const p of [a!, b!, c!]) {
      await api(t, p.rep.token)
        .put(`${s.path}/${next.id}/responses/${p.partner.id}`, {
          ties: [rated(d!.partner.id, 4)],
        })
        .expect(200);
    }
    const after = await api(t, s.observer.token).get(`${s.path}/${next.id}/scores`).expect(200);
    expect(after.body.previous).toEqual({
      waveId: wave.id,
      title: 'Spring',
      change: { density: 0, reciprocity: null, trust: 1, value: 1 },
    });
  });

  it('representatives are notified when a wave opens, reminded before it closes, and the wave closes on time', async () => {
    const s = await scenario();
    const [a, b] = s.parts;
    const wave = await open(s, { closesAt: inDays(10) });
    const notes = async (token: string, kind: string) =>
      (await api(t, token).get('/api/notifications').expect(200)).body.items.filter(
        (n: NotificationDto) => n.kind === kind && n.subjectId === wave.id,
      );
    const opened = await eventually(async () => {
      const n = await notes(a!.rep.token, 'survey_opened');
      return n.length > 0 && n;
    });
    expect(opened[0].payload).toMatchObject({ waveId: wave.id, title: 'Spring' });
    expect(await notes(s.observer.token, 'survey_opened')).toEqual([]);

    await api(t, a!.rep.token)
      .put(`${s.path}/${wave.id}/responses/${a!.partner.id}`, { ties: [] })
      .expect(200);
    // Due for its reminder (REMINDER_LEAD_HOURS before closing), while no server sweeps it.
    await t.close();
    await sql(`UPDATE survey_waves SET "closesAt" = now() + interval '1 hour' WHERE id = $1`, [
      wave.id,
    ]);
    t = await startTestApp({ DEADLINE_POLL_MS: '600000' });
    const reminded = await eventually(async () => {
      const n = await notes(b!.rep.token, 'survey_reminder');
      return n.length > 0 && n;
    });
    expect(reminded).toHaveLength(1);
    expect(await notes(a!.rep.token, 'survey_reminder')).toEqual([]);

    await t.close();
    await sql(`UPDATE survey_waves SET "closesAt" = now() - interval '1 minute' WHERE id = $1`, [
      wave.id,
    ]);
    t = await startTestApp({ DEADLINE_POLL_MS: '600000' });
    const log = await eventually(async () => {
      const res = await api(t, s.coordinator.token)
        .get(`/api/workspaces/${s.workspace.id}/activity?type=survey`)
        .expect(200);
      const types = res.body.items.map((e: ActivityEventDto) => e.type);
      return types.includes('survey.closed') && types;
    });
    expect(log).toEqual([
      'survey.closed',
      'survey.reminded',
      'survey.response_submitted',
      'survey.opened',
    ]);
    const closed = await api(t, s.coordinator.token).get(`${s.path}/${wave.id}`).expect(200);
    expect(closed.body.status).toBe('closed');
    // Still exactly one reminder after another restart.
    expect(await notes(b!.rep.token, 'survey_reminder')).toHaveLength(1);
  });

  it('a scheduled wave opens by the sweep when its time comes', async () => {
    const s = await scenario();
    const wave = await open(s, { opensAt: inDays(1), closesAt: inDays(3) });
    expect(wave).toMatchObject({ status: 'scheduled', roster: [] });
    await sql(`UPDATE survey_waves SET "opensAt" = now() - interval '1 minute' WHERE id = $1`, [
      wave.id,
    ]);
    const x = await startTestApp({ DEADLINE_POLL_MS: '100' });
    try {
      const opened = await eventually(async () => {
        const res = await api(x, s.coordinator.token).get(`${s.path}/${wave.id}`).expect(200);
        return res.body.status === 'open' && res.body;
      });
      expect(opened.roster).toHaveLength(4);
    } finally {
      await x.close();
    }
  });
});
