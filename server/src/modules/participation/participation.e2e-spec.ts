import type { BrokerFollowThroughDto, PartnerParticipationDto } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  partnerWithRepresentative,
  registerUser,
  workspaceWithMembers,
} from '../../../test/factories';
import { addParagraph, connect, createDocument, synced, type Client } from '../../../test/collab';

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
    const a = await partnerWithRepresentative(t, coordinator, workspace.id, {
      name: 'A',
      tier: 'core',
    });
    const b = await partnerWithRepresentative(t, coordinator, workspace.id, {
      name: 'B',
      tier: 'core',
    });
    const c = await partnerWithRepresentative(t, coordinator, workspace.id, {
      name: 'C',
      tier: 'core',
    });
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
    const exp = await api(t, coordinator.token)
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
    return {
      coordinator,
      observer: members[0]!,
      broker,
      plain,
      a,
      b,
      c,
      w,
      exp: exp.body.id as string,
    };
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

  it('counts two introduced partners writing in the same document (not the vision) as follow-through', async () => {
    const s = await scenario();
    const path = `${s.w}/participation/brokers`;
    const kindOfBC = async () => {
      const body = (await api(t, s.coordinator.token).get(path).expect(200))
        .body as BrokerFollowThroughDto;
      const pair = [s.b.partner.id, s.c.partner.id].sort().join();
      return body.introductions.find(
        (i) => [i.fromPartnerId, i.toPartnerId].sort().join() === pair,
      )!.firstCollaborationKind;
    };
    const workspaceId = s.w.split('/').pop()!;
    const write = async (documentId: string, token: string, text: string) => {
      const c: Client = connect(t, documentId, token);
      await synced(c);
      addParagraph(c.doc, text);
      return c;
    };
    const clients: Client[] = [];
    try {
      // Both write the network's vision: everyone does, it is not evidence.
      const vision = (await api(t, s.coordinator.token).get(`${s.w}/documents`).expect(200))
        .body as { items: { id: string; kind: string }[] };
      const visionId = vision.items.find((d) => d.kind === 'vision')?.id;
      const visionDoc =
        visionId ??
        (await createDocument(t, { token: s.coordinator.token, workspaceId }, 'vision')).id;
      clients.push(await write(visionDoc, s.b.rep.token, 'B was here'));
      clients.push(await write(visionDoc, s.c.rep.token, 'C was here'));
      // A working document only B writes in: one side is not co-editing.
      const notes = await createDocument(t, { token: s.coordinator.token, workspaceId });
      clients.push(await write(notes.id, s.b.rep.token, 'Agenda'));
      await new Promise((r) => setTimeout(r, 300));
      expect(await kindOfBC()).toBeNull();
      // Now C writes in it too.
      clients.push(await write(notes.id, s.c.rep.token, 'Minutes'));
      const deadline = Date.now() + 5_000;
      let kind = await kindOfBC();
      while (kind === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        kind = await kindOfBC();
      }
      expect(kind).toBe('document_coedit');
    } finally {
      clients.forEach((c) => c.destroy());
    }
  });

  it('GET …/participation/partners(/:pid): counts per partner, alphabetically; roles 401/403/404', async () => {
    const s = await scenario();
    await api(t, s.a.rep.token)
      .post(`${s.w}/experiments/${s.exp}/learnings`, { text: 'Wednesdays work best' })
      .expect(201);
    await api(t, s.a.rep.token)
      .post(`${s.w}/threads`, { subject: { type: 'experiment', id: s.exp }, text: 'Who runs it?' })
      .expect(201);
    const proposal = await api(t, s.coordinator.token)
      .post(`${s.w}/proposals`, {
        candidate: { kind: 'organisation', name: 'Labiomista', actorType: 'arts_culture' },
        tier: 'core',
        rationale: 'They run the park',
      })
      .expect(201);
    const vote = await api(t, s.b.rep.token).post(`${s.w}/proposals/${proposal.body.id}/votes`, {
      choice: 'yes',
    });
    expect([200, 201]).toContain(vote.status);

    const all = `${s.w}/participation/partners`;
    await api(t).get(all).expect(401);
    for (const who of [s.observer, s.plain, s.broker, s.a.rep]) {
      await api(t, who.token).get(all).expect(403);
    }
    const stranger = await registerUser(t);
    await api(t, stranger.token).get(all).expect(404);
    const list = (await api(t, s.coordinator.token).get(all).expect(200))
      .body as PartnerParticipationDto[];
    expect(list.map((p) => p.name)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = list;
    expect(a!.totals).toEqual({
      votesPossible: 1,
      votesCast: 0,
      experiments: 1,
      learnings: 1,
      comments: 1,
      surveyResponses: 0,
      surveysAsked: 1,
    });
    expect(b!.totals).toMatchObject({ votesPossible: 1, votesCast: 1, experiments: 1 });
    expect(c!.totals).toMatchObject({ experiments: 0, surveyResponses: 1, surveysAsked: 1 });
    expect(a!.quarters).toHaveLength(1);

    const one = `${s.w}/participation/partners/${s.a.partner.id}`;
    await api(t).get(one).expect(401);
    await api(t, s.coordinator.token)
      .get(`${s.w}/participation/partners/00000000-0000-4000-8000-000000000000`)
      .expect(404);
    for (const who of [s.observer, s.plain, s.broker, s.b.rep]) {
      await api(t, who.token).get(one).expect(403);
    }
    for (const who of [s.coordinator, s.a.rep]) {
      const res = await api(t, who.token).get(one).expect(200);
      expect(res.body).toEqual(a);
    }
  });
});
