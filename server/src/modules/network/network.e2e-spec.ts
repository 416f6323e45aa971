import type { NetworkDto, PartnerDto } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  createPartner,
  partnerWithRepresentative,
  workspaceWithMembers,
  type TestUser,
} from '../../../test/factories';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('network (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function setup() {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const broker = await addMember(t, coordinator, workspace.id, 'member', { broker: true });
    const base = `/api/workspaces/${workspace.id}`;
    const reps = new Map<string, TestUser>();
    /** A partner with a representative (to answer connections). */
    const partner = async (name: string, extra: Record<string, unknown> = {}) => {
      const { partner: p, rep } = await partnerWithRepresentative(t, coordinator, workspace.id, {
        name,
        ...extra,
      });
      reps.set(p.id, rep);
      return p;
    };
    /** An accepted connection: the broker proposes, both sides accept. */
    const connect = async (a: PartnerDto, b: PartnerDto) => {
      const c = await api(t, broker.token)
        .post(`${base}/connections`, { fromPartnerId: a.id, toPartnerId: b.id, reason: 'tie' })
        .expect(201);
      for (const p of [a, b]) {
        await api(t, reps.get(p.id)!.token)
          .post(`${base}/connections/${c.body.id}/respond`, { accept: true })
          .expect(200);
      }
      return c.body.id as string;
    };
    const experiment = async (partnerIds: string[], extra: Record<string, unknown> = {}) =>
      (
        await api(t, coordinator.token)
          .post(`${base}/experiments`, { title: 'Experiment', partnerIds, ...extra })
          .expect(201)
      ).body as { id: string };
    const network = async (query = '') =>
      (await api(t, members[0]!.token).get(`${base}/network${query}`).expect(200))
        .body as NetworkDto;
    return {
      coordinator,
      broker,
      observer: members[0]!,
      wid: workspace.id,
      base,
      partner,
      connect,
      experiment,
      network,
    };
  }

  const byName = (n: NetworkDto, names: Map<string, string>) =>
    Object.fromEntries(n.nodes.map((x) => [names.get(x.id) ?? x.id, x.metrics]));

  it('a path of accepted connections: degree, betweenness and density as computed by hand', async () => {
    const s = await setup();
    const [a, b, c, d] = [
      await s.partner('A'),
      await s.partner('B', { tier: 'core', actorType: 'sports' }),
      await s.partner('C'),
      await s.partner('D', { kind: 'individual', actorType: 'citizen' }),
    ];
    await s.connect(a, b);
    await s.connect(c, b);
    await s.connect(c, d);
    const n = await s.network();
    const names = new Map([a, b, c, d].map((p) => [p.id, p.name]));
    expect(byName(n, names)).toEqual({
      A: { degree: 1, betweenness: 0 },
      B: { degree: 2, betweenness: 2 },
      C: { degree: 2, betweenness: 2 },
      D: { degree: 1, betweenness: 0 },
    });
    expect(n.nodes.find((x) => x.id === d.id)).toEqual({
      id: d.id,
      name: 'D',
      kind: 'individual',
      tier: 'broad',
      actorType: 'citizen',
      metrics: { degree: 1, betweenness: 0 },
    });
    expect(n.edges).toHaveLength(3);
    for (const e of n.edges) {
      expect(e).toEqual({
        source: expect.any(String),
        target: expect.any(String),
        kinds: ['connection'],
        weight: 1,
      });
      expect(e.source < e.target).toBe(true);
    }
    expect(n.metrics).toMatchObject({
      nodes: 4,
      edges: 3,
      density: 0.5,
      activeShare: 0,
      byTier: { core: 1, broad: 3 },
    });
    expect(n.metrics.byActorType).toMatchObject({ education: 2, sports: 1, citizen: 1 });
    // 1 − (0.5² + 0.25² + 0.25²)
    expect(n.metrics.diversity).toBeCloseTo(0.625, 9);
  });

  it('a star of experiments: the centre lies on every path between leaves', async () => {
    const s = await setup();
    const wid = s.wid;
    const centre = await createPartner(t, s.coordinator, wid, { name: 'S' });
    const leaves: PartnerDto[] = [];
    for (let i = 0; i < 4; i++) leaves.push(await createPartner(t, s.coordinator, wid));
    for (const leaf of leaves) await s.experiment([centre.id, leaf.id]);
    const n = await s.network();
    const metrics = Object.fromEntries(n.nodes.map((x) => [x.id, x.metrics]));
    expect(metrics[centre.id]).toEqual({ degree: 4, betweenness: 6 });
    for (const leaf of leaves) expect(metrics[leaf.id]).toEqual({ degree: 1, betweenness: 0 });
    expect(n.metrics).toMatchObject({ nodes: 5, edges: 4, density: 0.4, activeShare: 1 });
    expect(n.edges.every((e) => e.kinds.join() === 'experiment' && e.weight === 1)).toBe(true);
  });

  it('two clusters joined by one bridge partner; a connection and an experiment on one pair merge', async () => {
    const s = await setup();
    const wid = s.wid;
    const mk = (name: string) => createPartner(t, s.coordinator, wid, { name });
    const [a, b, c, d, e, f] = [
      await s.partner('A'),
      await mk('B'),
      await mk('C'),
      await s.partner('D'),
      await mk('E'),
      await mk('F'),
    ];
    const x = await s.partner('X');
    // Each cluster is one three-partner experiment (a triangle).
    await s.experiment([a.id, b.id, c.id]);
    await s.experiment([d.id, e.id, f.id]);
    await s.connect(x, a);
    await s.connect(x, d);
    await s.experiment([x.id, a.id]);
    const n = await s.network();
    const names = new Map([a, b, c, d, e, f, x].map((p) => [p.id, p.name]));
    expect(byName(n, names)).toEqual({
      A: { degree: 3, betweenness: 8 },
      B: { degree: 2, betweenness: 0 },
      C: { degree: 2, betweenness: 0 },
      D: { degree: 3, betweenness: 8 },
      E: { degree: 2, betweenness: 0 },
      F: { degree: 2, betweenness: 0 },
      X: { degree: 2, betweenness: 9 },
    });
    expect(n.metrics.nodes).toBe(7);
    expect(n.metrics.edges).toBe(8);
    expect(n.metrics.density).toBeCloseTo(16 / 42, 9);
    const xa = n.edges.find(
      (edge) => [edge.source, edge.target].sort().join() === [x.id, a.id].sort().join(),
    );
    expect(xa).toMatchObject({ kinds: ['connection', 'experiment'], weight: 2 });
  });

  it('?at= rebuilds the past from the log: imported joining dates, leaving, acceptance, experiment membership', async () => {
    const s = await setup();
    const old = await s.partner('Old', { joinedAt: ago(100) });
    const mid = await s.partner('Mid', { joinedAt: ago(50) });
    const fresh = await s.partner('Fresh');
    const leaving = await s.partner('Leaving', { joinedAt: ago(30) });
    await s.connect(old, mid);
    const exp = await s.experiment([old.id, leaving.id]);
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await api(t, s.coordinator.token)
      .patch(`${s.base}/experiments/${exp.id}`, { partnerIds: [old.id, fresh.id] })
      .expect(200);
    await api(t, s.coordinator.token)
      .post(`${s.base}/partners/${leaving.id}/leave`, { reason: 'done' })
      .expect(200);

    const ids = (n: NetworkDto) => n.nodes.map((x) => x.id).sort();
    const pairs = (n: NetworkDto) => n.edges.map((e) => [e.source, e.target].sort().join('~'));
    const pair = (p: PartnerDto, q: PartnerDto) => [p.id, q.id].sort().join('~');

    expect(ids(await s.network(`?at=${ago(200).slice(0, 10)}`))).toEqual([]);
    const at75 = await s.network(`?at=${encodeURIComponent(ago(75))}`);
    expect(ids(at75)).toEqual([old.id]);
    expect(at75.metrics).toMatchObject({ nodes: 1, edges: 0, density: 0 });
    // Ten days ago: three partners, the connection was accepted only today.
    const at10 = await s.network(`?at=${encodeURIComponent(ago(10))}`);
    expect(ids(at10)).toEqual([old.id, mid.id, leaving.id].sort());
    expect(at10.edges).toEqual([]);
    // Just before the experiment's partners changed: the old membership ties Old and Leaving.
    const then = await s.network(`?at=${encodeURIComponent(before)}`);
    expect(ids(then)).toEqual([old.id, mid.id, fresh.id, leaving.id].sort());
    expect(pairs(then).sort()).toEqual([pair(old, mid), pair(old, leaving)].sort());
    // Now (default, a moment ago from the log, and any future moment) agree.
    const now = await s.network();
    expect(ids(now)).toEqual([old.id, mid.id, fresh.id].sort());
    expect(pairs(now).sort()).toEqual([pair(old, mid), pair(old, fresh)].sort());
    const justNow = await s.network(`?at=${encodeURIComponent(new Date().toISOString())}`);
    expect(justNow).toEqual(now);
    expect(await s.network(`?at=${encodeURIComponent(ago(-30))}`)).toEqual(now);

    for (const bad of ['yesterday', '2026-13-01', '2026-02-30', '2026-01-01T10:00', '']) {
      const res = await api(t, s.observer.token)
        .get(`${s.base}/network?at=${encodeURIComponent(bad)}`)
        .expect(400);
      expect(res.body.details[0].path).toEqual(['at']);
    }
    // A partner cannot be imported as joining in the future.
    const future = await api(t, s.coordinator.token)
      .post(`${s.base}/partners`, {
        kind: 'organisation',
        name: 'Later',
        actorType: 'sports',
        joinedAt: ago(-1),
      })
      .expect(400);
    expect(future.body.details[0].path).toEqual(['joinedAt']);
    const added = await api(t, s.observer.token)
      .get(`${s.base}/activity?type=partner.added&partnerId=${old.id}`)
      .expect(200);
    expect(added.body.items[0].payload.joinedAt).toBe(old.joinedAt);
  });

  it('a view asked again is the same; every relevant change shows at once', async () => {
    const s = await setup();
    const a = await s.partner('A');
    const b = await s.partner('B');
    const first = await s.network();
    expect(await s.network()).toEqual(first);
    expect(first.metrics).toMatchObject({ nodes: 2, edges: 0 });
    // An unrelated event (a member joining) keeps the view; a tie changes it.
    await addMember(t, s.coordinator, s.wid, 'observer');
    expect(await s.network()).toEqual(first);
    await s.connect(a, b);
    expect((await s.network()).metrics).toMatchObject({ nodes: 2, edges: 1 });
    await api(t, s.coordinator.token)
      .patch(`${s.base}/partners/${b.id}`, { name: 'B renamed', tier: 'core' })
      .expect(200);
    const renamed = await s.network();
    expect(renamed.nodes.find((n) => n.id === b.id)).toMatchObject({
      name: 'B renamed',
      tier: 'core',
    });
    await api(t, s.coordinator.token)
      .post(`${s.base}/partners/${a.id}/leave`, { reason: 'x' })
      .expect(200);
    expect((await s.network()).metrics).toMatchObject({ nodes: 1, edges: 0 });
  });

  it('a view is sent as serialised once: compressed as accepted, 304 for the ETag the client has', async () => {
    const s = await setup();
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']) {
      await s.partner(`${name} partner with a long enough name`);
    }
    const get = () => api(t, s.observer.token).get(`${s.base}/network`);
    const plain = await get().set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect((plain.body as NetworkDto).metrics.nodes).toBe(6);
    const gzipped = await get().set('accept-encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body).toEqual(plain.body);
    const etag = plain.headers.etag as string;
    expect(gzipped.headers.etag).toBe(etag);
    await get().set('if-none-match', etag).expect(304);
    // A change makes a new view, with a new ETag.
    await s.partner('Golf');
    const changed = await get().set('if-none-match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.body as NetworkDto).metrics.nodes).toBe(7);
  });

  it('suggestions: the partner offering an experiment’s needed expertise is suggested, with the reason', async () => {
    const s = await setup();
    const wid = s.wid;
    const lead = await createPartner(t, s.coordinator, wid, {
      name: 'School',
      actorType: 'education',
    });
    const tutor = await createPartner(t, s.coordinator, wid, {
      name: 'Tutors',
      actorType: 'civil_society',
      contributions: { expertise: ['Tutoring'], targetGroups: [], resources: [] },
    });
    await createPartner(t, s.coordinator, wid, { name: 'Bystander', actorType: 'sports' });
    const exp = await s.experiment([lead.id], {
      title: 'Homework café',
      leadPartnerId: lead.id,
      neededExpertise: ['tutoring'],
      status: 'preparing',
    });
    const path = `${s.base}/network/suggestions`;
    const res = await api(t, s.broker.token).get(path).expect(200);
    expect(res.body.nextCursor).toBeNull();
    const hit = res.body.items.find(
      (x: { fromPartnerId: string; toPartnerId: string }) =>
        x.fromPartnerId === tutor.id && x.toPartnerId === lead.id,
    );
    expect(hit).toEqual({
      fromPartnerId: tutor.id,
      toPartnerId: lead.id,
      kind: 'expertise_match',
      score: expect.any(Number),
      reason: {
        code: 'experiment_needs_expertise',
        params: {
          experimentId: exp.id,
          experimentTitle: 'Homework café',
          expertise: ['tutoring'],
          targetGroups: [],
          contact: 'lead',
        },
      },
      text: expect.stringContaining('Tutors offers the tutoring expertise'),
    });
    expect(res.body.items[0]).toEqual(hit);
    await api(t, s.coordinator.token).get(`${path}?limit=1`).expect(200);
    const one = await api(t, s.coordinator.token).get(`${path}?limit=1`).expect(200);
    expect(one.body.items).toHaveLength(1);
    await api(t, s.broker.token).get(`${path}?limit=0`).expect(400);
    await api(t, s.observer.token).get(path).expect(403);
    const member = await addMember(t, s.coordinator, wid, 'member', { partnerId: lead.id });
    await api(t, member.token).get(path).expect(403);
    await api(t, member.token).get(`${path}?limit=0`).expect(403);

    // Once proposed, the pair is settled and no longer suggested.
    await api(t, s.broker.token)
      .post(`${s.base}/connections`, {
        fromPartnerId: tutor.id,
        toPartnerId: lead.id,
        reason: hit.text,
      })
      .expect(201);
    const after = await api(t, s.broker.token).get(path).expect(200);
    expect(
      after.body.items.some(
        (x: { fromPartnerId: string; toPartnerId: string }) =>
          [x.fromPartnerId, x.toPartnerId].sort().join() === [tutor.id, lead.id].sort().join(),
      ),
    ).toBe(false);
  });
});
