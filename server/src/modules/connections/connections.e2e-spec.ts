import type { ActivityEventDto, ConnectionDto } from '@coalesce/shared';
import { sql } from '../../../test/db';
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

/**
 * Races need a real PostgreSQL: the embedded one (PGlite behind pglite-socket) runs transactions
 * one at a time and, with several connections interleaving transactions, answers some queries
 * with "portal does not exist" (a 500, or a 401 from the auth lookup).
 */
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('connections (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  /** A workspace with a broker and two partners, each with a representative. */
  async function scenario() {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const broker = await addMember(t, coordinator, workspace.id, 'member', { broker: true });
    const { partner: a, rep: repA } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const { partner: b, rep: repB } = await partnerWithRepresentative(t, coordinator, workspace.id);
    const path = `/api/workspaces/${workspace.id}/connections`;
    return { coordinator, workspace, observer: members[0]!, broker, a, b, repA, repB, path };
  }

  it('only brokers propose (403 before 400, even for coordinators); both must be active partners here', async () => {
    const s = await scenario();
    const body = { fromPartnerId: s.a.id, toPartnerId: s.b.id, reason: 'Both work with teenagers' };
    for (const who of [s.coordinator, s.observer, s.repA]) {
      await api(t, who.token).post(s.path, body).expect(403);
      await api(t, who.token).post(s.path, {}).expect(403);
    }
    // Invitations refuse observer + broker; a legacy row may still have it.
    const observerBroker = await addMember(t, s.coordinator, s.workspace.id, 'observer');
    await sql(`UPDATE workspace_members SET broker = true WHERE "userId" = $1`, [
      observerBroker.id,
    ]);
    await api(t, observerBroker.token).post(s.path, body).expect(403);

    const bad = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: 'x', reason: '' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'fromPartnerId',
      'reason',
      'toPartnerId',
    ]);
    const self = await api(t, s.broker.token)
      .post(s.path, { ...body, toPartnerId: s.a.id })
      .expect(400);
    expect(self.body.details[0].path).toEqual(['toPartnerId']);

    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await createPartner(t, other, otherWs.id);
    const cross = await api(t, s.broker.token)
      .post(s.path, { ...body, toPartnerId: foreign.id })
      .expect(400);
    expect(cross.body.details[0].path).toEqual(['toPartnerId']);
    const gone = await createPartner(t, s.coordinator, s.workspace.id);
    await api(t, s.coordinator.token)
      .post(`/api/workspaces/${s.workspace.id}/partners/${gone.id}/leave`, { reason: 'moved' })
      .expect(200);
    const left = await api(t, s.broker.token)
      .post(s.path, { ...body, fromPartnerId: gone.id })
      .expect(400);
    expect(left.body.details[0].path).toEqual(['fromPartnerId']);

    const made = await api(t, s.broker.token).post(s.path, body).expect(201);
    expect(made.body).toEqual({
      id: expect.any(String),
      workspaceId: s.workspace.id,
      fromPartnerId: s.a.id,
      toPartnerId: s.b.id,
      reason: 'Both work with teenagers',
      status: 'proposed',
      responses: [],
      proposedBy: s.broker.id,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      closedAt: null,
    });
    // A coordinator who is also a broker may propose.
    await api(t, s.coordinator.token)
      .patch(`/api/workspaces/${s.workspace.id}/members/${s.coordinator.id}`, { broker: true })
      .expect(200);
    const c = await createPartner(t, s.coordinator, s.workspace.id);
    await api(t, s.coordinator.token)
      .post(s.path, { fromPartnerId: s.a.id, toPartnerId: c.id, reason: 'x' })
      .expect(201);
  });

  it('an open or accepted pair is a 409 in either direction; a declined one may be proposed again', async () => {
    const s = await scenario();
    const body = { fromPartnerId: s.a.id, toPartnerId: s.b.id, reason: 'x' };
    const first = await api(t, s.broker.token).post(s.path, body).expect(201);
    await api(t, s.broker.token).post(s.path, body).expect(409);
    const reversed = await api(t, s.broker.token)
      .post(s.path, { ...body, fromPartnerId: s.b.id, toPartnerId: s.a.id })
      .expect(409);
    expect(reversed.body.code).toBe('CONFLICT');
    await api(t, s.repA.token)
      .post(`${s.path}/${first.body.id}/respond`, { accept: false, note: 'Not now' })
      .expect(200);
    const again = await api(t, s.broker.token).post(s.path, body).expect(201);
    await api(t, s.repA.token).post(`${s.path}/${again.body.id}/respond`, { accept: true });
    await api(t, s.repB.token).post(`${s.path}/${again.body.id}/respond`, { accept: true });
    await api(t, s.broker.token).post(s.path, body).expect(409);

    if (!realPostgres) return;
    // Concurrent proposals of one pair: the unique index lets exactly one through.
    const c = await createPartner(t, s.coordinator, s.workspace.id);
    const d = await createPartner(t, s.coordinator, s.workspace.id);
    const race = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(t, s.broker.token).post(s.path, {
          fromPartnerId: i % 2 ? c.id : d.id,
          toPartnerId: i % 2 ? d.id : c.id,
          reason: 'race',
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('representatives of the two sides answer once each: both accept → accepted, live', async () => {
    const s = await scenario();
    const watcher = await connectSocket(t, { token: s.observer.token });
    sockets.push(watcher);
    expect(await joinWorkspace(watcher, s.workspace.id)).toEqual({ ok: true });
    const proposedEvent = nextEvent(watcher, (e) => e.type === 'connection.proposed');
    const made = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: s.a.id, toPartnerId: s.b.id, reason: 'Shared audience' })
      .expect(201);
    const id = made.body.id as string;
    const base = {
      connectionId: id,
      fromPartnerId: s.a.id,
      toPartnerId: s.b.id,
      proposedBy: s.broker.id,
    };
    expect(await proposedEvent).toMatchObject({
      subjectType: 'connection',
      subjectId: id,
      actorId: s.broker.id,
      partnerIds: [s.a.id, s.b.id],
      payload: { ...base, reason: 'Shared audience' },
    });

    const respond = `${s.path}/${id}/respond`;
    // Not a representative of either side: 403, before the body is validated.
    const { rep: outsider } = await partnerWithRepresentative(t, s.coordinator, s.workspace.id);
    for (const who of [s.coordinator, s.broker, s.observer, outsider]) {
      await api(t, who.token).post(respond, { accept: true }).expect(403);
      await api(t, who.token).post(respond, {}).expect(403);
    }
    const observerRep = await addMember(t, s.coordinator, s.workspace.id, 'observer', {
      partnerId: s.a.id,
    });
    await api(t, observerRep.token).post(respond, { accept: true }).expect(403);
    const bad = await api(t, s.repA.token).post(respond, { accept: 'yes' }).expect(400);
    expect(bad.body.details[0].path).toEqual(['accept']);

    const respondedEvent = nextEvent(watcher, (e) => e.type === 'connection.responded');
    const half = await api(t, s.repA.token)
      .post(respond, { accept: true, note: 'Gladly' })
      .expect(200);
    expect(half.body.status).toBe('proposed');
    expect(half.body.responses).toEqual([
      {
        partnerId: s.a.id,
        accept: true,
        note: 'Gladly',
        respondedBy: s.repA.id,
        respondedAt: expect.stringMatching(/Z$/),
        onBehalf: false,
      },
    ]);
    expect(await respondedEvent).toMatchObject({
      actorId: s.repA.id,
      partnerIds: [s.a.id, s.b.id],
      payload: {
        ...base,
        partnerId: s.a.id,
        accept: true,
        note: 'Gladly',
        status: 'proposed',
        onBehalf: false,
      },
    });
    // The same side again (another representative of it too): 409.
    await api(t, s.repA.token).post(respond, { accept: false }).expect(409);
    const secondRepA = await addMember(t, s.coordinator, s.workspace.id, 'member', {
      partnerId: s.a.id,
    });
    await api(t, secondRepA.token).post(respond, { accept: true }).expect(409);

    const acceptedEvent = nextEvent(watcher, (e) => e.type === 'connection.accepted');
    const done = await api(t, s.repB.token).post(respond, { accept: true }).expect(200);
    expect(done.body).toMatchObject({ status: 'accepted', closedAt: expect.stringMatching(/Z$/) });
    expect(done.body.responses.map((r: { partnerId: string }) => r.partnerId)).toEqual([
      s.a.id,
      s.b.id,
    ]);
    expect(await acceptedEvent).toMatchObject({
      actorId: s.repB.id,
      payload: { ...base, partnerId: s.b.id, accept: true },
    });
    // Closed: any further answer is a 409.
    await api(t, s.repB.token).post(respond, { accept: false }).expect(409);

    const log = await api(t, s.observer.token)
      .get(`/api/workspaces/${s.workspace.id}/activity?type=connection`)
      .expect(200);
    expect(log.body.items.map((e: ActivityEventDto) => e.type)).toEqual([
      'connection.accepted',
      'connection.responded',
      'connection.responded',
      'connection.proposed',
    ]);
    await api(t, s.observer.token).get(`${s.path}/${id}`).expect(200, done.body);
  });

  it('one decline closes it as declined; lists filter by status and partner and page', async () => {
    const s = await scenario();
    const made = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: s.b.id, toPartnerId: s.a.id, reason: 'x' })
      .expect(201);
    const declined = await api(t, s.repA.token)
      .post(`${s.path}/${made.body.id}/respond`, { accept: false, note: 'We are full' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', closedAt: expect.any(String) });
    await api(t, s.repB.token)
      .post(`${s.path}/${made.body.id}/respond`, { accept: true })
      .expect(409);
    const log = await api(t, s.coordinator.token)
      .get(`/api/workspaces/${s.workspace.id}/activity?type=connection.declined`)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      actorId: s.repA.id,
      payload: {
        connectionId: made.body.id,
        fromPartnerId: s.b.id,
        toPartnerId: s.a.id,
        proposedBy: s.broker.id,
        partnerId: s.a.id,
        accept: false,
      },
    });

    const c = await createPartner(t, s.coordinator, s.workspace.id);
    const open1 = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: s.a.id, toPartnerId: c.id, reason: 'y' })
      .expect(201);
    const open2 = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: c.id, toPartnerId: s.b.id, reason: 'z' })
      .expect(201);
    const ids = (r: { body: { items: ConnectionDto[] } }) => r.body.items.map((x) => x.id);
    const all = await api(t, s.observer.token).get(`${s.path}?limit=2`).expect(200);
    expect(ids(all)).toEqual([open2.body.id, open1.body.id]);
    const rest = await api(t, s.observer.token)
      .get(`${s.path}?limit=2&cursor=${all.body.nextCursor}`)
      .expect(200);
    expect(rest.body).toEqual({ items: [declined.body], nextCursor: null });
    expect(ids(await api(t, s.observer.token).get(`${s.path}?status=proposed`))).toEqual([
      open2.body.id,
      open1.body.id,
    ]);
    expect(ids(await api(t, s.observer.token).get(`${s.path}?partnerId=${s.a.id}`))).toEqual([
      open1.body.id,
      made.body.id,
    ]);
    for (const q of ['status=open', 'partnerId=1', 'limit=0']) {
      await api(t, s.observer.token).get(`${s.path}?${q}`).expect(400);
    }
    const other = await registerUser(t);
    await api(t, other.token).get(`${s.path}/${made.body.id}`).expect(404);
    await api(t, s.observer.token).get(`${s.path}/nope`).expect(404);
    await api(t, s.repA.token).post(`${s.path}/nope/respond`, { accept: true }).expect(404);
  });

  it('a coordinator answers for a side nobody represents, recorded as on behalf', async () => {
    const s = await scenario();
    const lonely = await createPartner(t, s.coordinator, s.workspace.id, { name: 'Nobody here' });
    const made = await api(t, s.broker.token)
      .post(s.path, { fromPartnerId: s.a.id, toPartnerId: lonely.id, reason: 'x' })
      .expect(201);
    const respond = `${s.path}/${made.body.id}/respond`;
    // Not for a represented side, not without naming the side, not for another partner.
    await api(t, s.coordinator.token)
      .post(respond, { accept: true, partnerId: s.a.id })
      .expect(403);
    await api(t, s.coordinator.token).post(respond, { accept: true }).expect(403);
    const wrong = await api(t, s.coordinator.token)
      .post(respond, { accept: true, partnerId: s.b.id })
      .expect(400);
    expect(wrong.body.details[0].path).toEqual(['partnerId']);
    // Only a coordinator may answer on someone's behalf: not a member, a broker or an observer.
    for (const who of [s.repB, s.broker, s.observer]) {
      await api(t, who.token).post(respond, { accept: true, partnerId: lonely.id }).expect(403);
    }
    // A representative naming their own side answers as usual.
    await api(t, s.repA.token).post(respond, { accept: true, partnerId: s.a.id }).expect(200);
    const done = await api(t, s.coordinator.token)
      .post(respond, { accept: true, partnerId: lonely.id, note: 'They agreed by phone' })
      .expect(200);
    expect(done.body.status).toBe('accepted');
    expect(done.body.responses).toEqual([
      expect.objectContaining({ partnerId: s.a.id, respondedBy: s.repA.id, onBehalf: false }),
      expect.objectContaining({
        partnerId: lonely.id,
        respondedBy: s.coordinator.id,
        onBehalf: true,
        note: 'They agreed by phone',
      }),
    ]);
    const log = await api(t, s.coordinator.token)
      .get(`/api/workspaces/${s.workspace.id}/activity?type=connection.responded`)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      actorId: s.coordinator.id,
      payload: { partnerId: lonely.id, onBehalf: true, accept: true },
    });
  });

  (realPostgres ? it : it.skip)(
    'two sides answering at once: exactly one closing event',
    async () => {
      const s = await scenario();
      const made = await api(t, s.broker.token)
        .post(s.path, { fromPartnerId: s.a.id, toPartnerId: s.b.id, reason: 'x' })
        .expect(201);
      const respond = `${s.path}/${made.body.id}/respond`;
      const [ra, rb] = await Promise.all([
        api(t, s.repA.token).post(respond, { accept: true }),
        api(t, s.repB.token).post(respond, { accept: true }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const final = await api(t, s.repA.token).get(`${s.path}/${made.body.id}`).expect(200);
      expect(final.body.status).toBe('accepted');
      const log = await api(t, s.coordinator.token)
        .get(`/api/workspaces/${s.workspace.id}/activity?type=connection.accepted`)
        .expect(200);
      expect(log.body.items).toHaveLength(1);
    },
  );
});
