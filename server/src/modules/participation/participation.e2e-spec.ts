import type { BrokerFollowThroughDto } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  partnerWithRepresentative,
  registerUser,
  workspaceWithMembers,
} from '../../../test/factories';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('participation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /**
   * A broker introduces A–B, A–C and B–C; all accepted. A and B then share an experiment, C rates
   * A as cooperating in a wave; B and C show nothing yet → 2 of 3 followed through.
   */
  async function scenario() {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const broker = await addMember(t, coordinator, workspace.id, 'member', { broker: true });
    const plain = await addMember(t, coordinator, workspace.id, 'member');
    const a = await partnerWithRepresentative(t, coordinator, workspace.id, { name: 'A' });
    const b = await partnerWithRepresentative(t, coordinator, workspace.id, { name: 'B' });
    const c = await partnerWithRepresentative(t, coordinator, workspace.id, { name: 'C' });
    const w = `/api/workspaces/${workspace.id}`;
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
    ] as const) {
      const made = await api(t, broker.token)
        .post(`${w}/connections`, {
          fromPartnerId: x.partner.id,
          toPartnerId: y.partner.id,
          reason: 'Same neighbourhood',
        })
        .expect(201);
      for (const rep of [x.rep, y.rep]) {
        await api(t, rep.token)
          .post(`${w}/connections/${made.body.id}/respond`, { accept: true })
          .expect(200);
      }
    }
    await api(t, coordinator.token)
      .post(`${w}/experiments`, {
        title: 'Homework club',
        partnerIds: [a.partner.id, b.partner.id],
      })
      .expect(201);
    const wave = await api(t, coordinator.token)
      .post(`${w}/surveys`, { title: 'Spring', closesAt: inDays(14) })
      .expect(201);
    await api(t, c.rep.token)
      .put(`${w}/surveys/${wave.body.id}/responses/${c.partner.id}`, {
        ties: [
          {
            partnerId: a.partner.id,
            worksWith: true,
            level: 'cooperation',
            trust: { reliability: 3, missionSupport: 3, openness: 3 },
            value: { influence: 3, involvement: 3, resourceContribution: 3 },
          },
          { partnerId: b.partner.id, worksWith: false },
        ],
        stage: {},
      })
      .expect(200);
    return { coordinator, observer: members[0]!, broker, plain, a, b, c, w };
  }

  it('GET …/participation/brokers: coordinators and brokers see follow-through; 401/403/404 otherwise', async () => {
    const s = await scenario();
    const path = `${s.w}/participation/brokers`;
    await api(t).get(path).expect(401);
    for (const who of [s.observer, s.plain, s.a.rep]) await api(t, who.token).get(path).expect(403);
    const stranger = await registerUser(t);
    await api(t, stranger.token).get(path).expect(404);
    await api(t, s.coordinator.token)
      .get(`/api/workspaces/00000000-0000-4000-8000-000000000000/participation/brokers`)
      .expect(404);

    for (const who of [s.coordinator, s.broker]) {
      const res = await api(t, who.token).get(path).expect(200);
      const body = res.body as BrokerFollowThroughDto;
      expect(body.windowDays).toBe(90);
      expect(body.overall).toEqual({
        introductions: 3,
        within90Days: 2,
        ever: 2,
        shareWithin90Days: 2 / 3,
        shareEver: 2 / 3,
      });
      expect(body.brokers).toEqual([
        expect.objectContaining({ brokerId: s.broker.id, introductions: 3, within90Days: 2 }),
      ]);
      expect(typeof body.brokers[0]!.brokerName).toBe('string');
      const kinds = Object.fromEntries(
        body.introductions.map((i) => [
          [i.fromPartnerId, i.toPartnerId].sort().join(),
          i.firstCollaborationKind,
        ]),
      );
      expect(kinds[[s.a.partner.id, s.b.partner.id].sort().join()]).toBe('shared_experiment');
      expect(kinds[[s.a.partner.id, s.c.partner.id].sort().join()]).toBe('survey_rating');
      expect(kinds[[s.b.partner.id, s.c.partner.id].sort().join()]).toBeNull();
    }
  });
});
