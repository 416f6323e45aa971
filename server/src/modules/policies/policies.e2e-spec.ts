import { DEFAULT_POLICY } from '@coalesce/shared';
import {
  addMember,
  api,
  createPartner,
  createWorkspace,
  registerUser,
} from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('decision policies (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers the stage defaults, then the rows a coordinator set', async () => {
    const coordinator = await registerUser(t);
    const w = await createWorkspace(t, coordinator, { stage: 'catalysing_initiating' });
    const member = await addMember(t, coordinator, w.id, 'member');
    const path = `/api/workspaces/${w.id}/decision-policies`;
    const initial = await api(t, member.token).get(path).expect(200);
    expect(initial.body).toMatchObject({
      stage: 'catalysing_initiating',
      core: { ...DEFAULT_POLICY, rule: 'consensus' },
      broad: { ...DEFAULT_POLICY, rule: 'autonomous' },
    });
    expect(initial.body.byStage.hypothesis_vision.broad.rule).toBe('consensus');
    expect(initial.body.custom.catalysing_initiating).toEqual({ core: false, broad: false });

    const decider = await createPartner(t, coordinator, w.id, { tier: 'core' });
    const put = await api(t, coordinator.token)
      .put(`${path}/broad`, {
        rule: 'autonomous',
        deciders: [decider.id, decider.id],
        votingHours: 0.5,
        consultationHours: 0.25,
      })
      .expect(200);
    expect(put.body.broad).toEqual({
      ...DEFAULT_POLICY,
      rule: 'autonomous',
      deciders: [decider.id],
      votingHours: 0.5,
      consultationHours: 0.25,
    });
    expect(put.body.custom.catalysing_initiating).toEqual({ core: false, broad: true });
    const other = await api(t, coordinator.token)
      .put(`${path}/core`, { stage: 'mainstreaming_sustaining', rule: 'weighted', quorum: 0.75 })
      .expect(200);
    expect(other.body.core.rule).toBe('consensus');
    expect(other.body.byStage.mainstreaming_sustaining.core).toMatchObject({
      rule: 'weighted',
      quorum: 0.75,
    });
    // Moving the workspace to that stage makes it current.
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${w.id}`, { stage: 'mainstreaming_sustaining' })
      .expect(200);
    const now = await api(t, member.token).get(path).expect(200);
    expect(now.body).toMatchObject({
      stage: 'mainstreaming_sustaining',
      core: { rule: 'weighted' },
    });
    const events = await api(t, member.token)
      .get(`/api/workspaces/${w.id}/activity?type=policy.changed`)
      .expect(200);
    expect(events.body.items[1]).toMatchObject({
      payload: { stage: 'catalysing_initiating', tier: 'broad', to: { deciders: [decider.id] } },
      partnerIds: [decider.id],
    });
  });

  it('refuses non-coordinators (403), unknown tiers (404), inactive deciders and bad fields (400 naming them)', async () => {
    const coordinator = await registerUser(t);
    const w = await createWorkspace(t, coordinator);
    const member = await addMember(t, coordinator, w.id, 'member');
    const path = `/api/workspaces/${w.id}/decision-policies`;
    await api(t, member.token).put(`${path}/core`, { rule: 'consensus' }).expect(403);
    await api(t, coordinator.token).put(`${path}/gold`, { rule: 'consensus' }).expect(404);
    const left = await createPartner(t, coordinator, w.id);
    await api(t, coordinator.token)
      .post(`/api/workspaces/${w.id}/partners/${left.id}/leave`, { reason: 'x' })
      .expect(200);
    const other = await registerUser(t);
    const foreign = await createPartner(t, other, (await createWorkspace(t, other)).id);
    for (const deciders of [[left.id], [foreign.id], [crypto.randomUUID()]]) {
      const res = await api(t, coordinator.token)
        .put(`${path}/broad`, { rule: 'autonomous', deciders })
        .expect(400);
      expect(res.body.details[0].path).toEqual(['deciders']);
    }
    const hours = await api(t, coordinator.token)
      .put(`${path}/broad`, { rule: 'autonomous', votingHours: 10, consultationHours: 20 })
      .expect(400);
    expect(hours.body.details.map((d: { path: string[] }) => d.path)).toEqual([
      ['consultationHours'],
    ]);
    const bad = await api(t, coordinator.token)
      .put(`${path}/core`, {
        rule: 'majority',
        quorum: 2,
        supportThreshold: 1,
        votingHours: 0,
        stage: 'x',
        deciders: ['nope'],
      })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'deciders',
      'quorum',
      'rule',
      'stage',
      'supportThreshold',
      'votingHours',
    ]);
    // consultationHours > votingHours is fine for rules without a consultation.
    await api(t, coordinator.token)
      .put(`${path}/core`, { rule: 'consensus', votingHours: 10, consultationHours: 20 })
      .expect(200);
  });
});
