import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiUndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import {
  RESEARCH_CODEBOOK,
  RESEARCH_EDGE_COLUMNS,
  RESEARCH_NODE_COLUMNS,
  type ResearchEdgeRow,
  type ResearchNodeRow,
} from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  createPartner,
  createWorkspace,
  download,
  partnerWithRepresentative,
  registerUser,
} from '../../../test/factories';

/** The body as text, whatever the content type. */
const raw = (t: TestApp, token: string | undefined, path: string) =>
  download(t, token, path, 'text');

const csv = <T>(body: string): T[] =>
  parseCsv(body, { columns: true, skip_empty_lines: true }) as T[];

describe('research exports (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /**
   * Alpha (organisation) and Bea Jansen (individual) tied by an accepted connection; an
   * experiment of Alpha, Bea and Gamma whose title names Bea and her email, from which Gamma is
   * later taken off; Delta left.
   */
  async function seeded() {
    const coordinator = await registerUser(t);
    const w = await createWorkspace(t, coordinator, { name: 'Research net' });
    const observer = await addMember(t, coordinator, w.id, 'observer');
    const plain = await addMember(t, coordinator, w.id, 'member');
    const broker = await addMember(t, coordinator, w.id, 'member', { broker: true });
    const a = await partnerWithRepresentative(t, coordinator, w.id, { name: 'Alpha Org' });
    const beaUser = await registerUser(t, { displayName: 'Bea Jansen' });
    const bPartner = await createPartner(t, coordinator, w.id, {
      name: 'Bea Jansen',
      kind: 'individual',
    });
    const bRep = await addMember(t, coordinator, w.id, 'member', {
      partnerId: bPartner.id,
      user: beaUser,
    });
    const c = await createPartner(t, coordinator, w.id, { name: 'Gamma <&> "Co"' });
    const d = await createPartner(t, coordinator, w.id, { name: 'Delta' });
    await api(t, coordinator.token)
      .post(`/api/workspaces/${w.id}/partners/${d.id}/leave`, { reason: 'moved' })
      .expect(200);
    const conn = await api(t, broker.token)
      .post(`/api/workspaces/${w.id}/connections`, {
        fromPartnerId: a.partner.id,
        toPartnerId: bPartner.id,
        reason: 'Both work with teenagers',
      })
      .expect(201);
    for (const rep of [a.rep, bRep]) {
      await api(t, rep.token)
        .post(`/api/workspaces/${w.id}/connections/${conn.body.id}/respond`, { accept: true })
        .expect(200);
    }
    const x = await api(t, coordinator.token)
      .post(`/api/workspaces/${w.id}/experiments`, {
        title: `Pilot with Bea Jansen (${beaUser.email})`,
        partnerIds: [a.partner.id, bPartner.id, c.id],
      })
      .expect(201);
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${w.id}/experiments/${x.body.id}`, {
        partnerIds: [a.partner.id, bPartner.id],
      })
      .expect(200);
    return { coordinator, observer, plain, w, a, bPartner, bRep, beaUser, c, d };
  }

  const path = (wid: string, file: string) => `/api/workspaces/${wid}/research/${file}`;
  const FILES = ['tables/nodes.csv', 'tables/edges.csv', 'network.gexf'];

  it('access: 401 without a session, 404 for strangers and bad ids, 403 for members', async () => {
    const s = await seeded();
    const stranger = await registerUser(t);
    for (const file of FILES) {
      await raw(t, undefined, path(s.w.id, file)).expect(401);
      await raw(t, stranger.token, path(s.w.id, file)).expect(404);
      await raw(t, s.coordinator.token, path('nope', file)).expect(404);
      await raw(t, s.plain.token, path(s.w.id, file)).expect(403);
      await raw(t, s.plain.token, path(s.w.id, `${file}?from=bad`)).expect(403);
      await raw(t, s.observer.token, path(s.w.id, file)).expect(200);
      await raw(t, s.coordinator.token, path(s.w.id, file)).expect(200);
    }
  });

  it('400 naming the field for bad dates, a reversed range or a bad flag', async () => {
    const s = await seeded();
    for (const file of FILES) {
      for (const [query, field] of [
        ['from=yesterday', 'from'],
        ['to=2025-02-30', 'to'],
        ['from=2025-03-01&to=2025-02-01', 'to'],
        ['pseudonymise=yes', 'pseudonymise'],
      ]) {
        const res = await api(t, s.coordinator.token)
          .get(`${path(s.w.id, file)}?${query}`)
          .expect(400);
        expect(res.body.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual([field]);
      }
    }
  });

  it('CSV tables: nodes with join/leave dates, edges with kind, start and end', async () => {
    const s = await seeded();
    const nodesRes = await raw(t, s.observer.token, path(s.w.id, 'tables/nodes.csv')).expect(200);
    expect(nodesRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(nodesRes.headers['content-disposition']).toMatch(/attachment; filename="coalesce-/);
    expect((nodesRes.body as string).split('\n')[0]).toBe(RESEARCH_NODE_COLUMNS.join(','));
    const nodes = csv<Record<keyof ResearchNodeRow, string>>(nodesRes.body as string);
    expect(nodes.map((n) => n.label).sort()).toEqual(
      ['Alpha Org', 'Bea Jansen', 'Delta', 'Gamma <&> "Co"'].sort(),
    );
    const delta = nodes.find((n) => n.id === s.d.id)!;
    expect(delta.leftAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(delta.leftAt)).toBeGreaterThanOrEqual(Date.parse(delta.joinedAt));
    expect(nodes.find((n) => n.id === s.a.partner.id)!.leftAt).toBe('');
    expect(nodes.find((n) => n.id === s.bPartner.id)!).toMatchObject({
      kind: 'individual',
      circle: 'broad',
      pseudonymised: 'false',
    });

    const edgesRes = await raw(t, s.observer.token, path(s.w.id, 'tables/edges.csv')).expect(200);
    expect((edgesRes.body as string).split('\n')[0]).toBe(RESEARCH_EDGE_COLUMNS.join(','));
    const edges = csv<Record<keyof ResearchEdgeRow, string>>(edgesRes.body as string);
    const pair = (e: { source: string; target: string }) => [e.source, e.target].sort().join('|');
    const ab = [s.a.partner.id, s.bPartner.id].sort().join('|');
    expect(edges.filter((e) => e.kind === 'connection').map(pair)).toEqual([ab]);
    const shared = edges.filter((e) => e.kind === 'shared_experiment');
    expect(shared).toHaveLength(3);
    for (const e of shared) {
      expect(e.label).toContain('Pilot with Bea Jansen');
      // Gamma was taken off: its two ties ended; Alpha–Bea still holds.
      if (pair(e) === ab) expect(e.end).toBe('');
      else expect(Date.parse(e.end)).toBeGreaterThanOrEqual(Date.parse(e.start));
    }

    // A range before anything existed: empty tables (header only).
    const before = await raw(
      t,
      s.observer.token,
      path(s.w.id, 'tables/edges.csv?from=2000-01-01&to=2000-12-31'),
    ).expect(200);
    expect(csv(before.body as string)).toEqual([]);
    // `to` as a bare date includes that whole day: today's ties are in.
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = csv(
      (await raw(t, s.observer.token, path(s.w.id, `tables/edges.csv?from=${today}&to=${today}`)))
        .body,
    );
    expect(upToToday).toHaveLength(4);
    // A range starting after Gamma left the experiment keeps only the open ties.
    const later = new Date(Date.now() + 60_000).toISOString();
    const now = csv<Record<string, string>>(
      (await raw(t, s.observer.token, path(s.w.id, `tables/edges.csv?from=${later}`))).body,
    );
    expect(now.map((e) => e.kind).sort()).toEqual(['connection', 'shared_experiment']);
  });

  it('GEXF parses back with graphology: counts, attributes and dynamic dates', async () => {
    const s = await seeded();
    const res = await raw(t, s.coordinator.token, path(s.w.id, 'network.gexf')).expect(200);
    expect(res.headers['content-type']).toBe('application/gexf+xml; charset=utf-8');
    const xml = res.body as string;
    const graph = parseGexf(MultiUndirectedGraph, xml);
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(4);
    expect(graph.getNodeAttribute(s.c.id, 'label')).toBe('Gamma <&> "Co"');
    expect(graph.getNodeAttribute(s.bPartner.id, 'kind')).toBe('individual');
    const kinds = graph.mapEdges((_e, attrs) => attrs.kind as string).sort();
    expect(kinds).toEqual([
      'connection',
      'shared_experiment',
      'shared_experiment',
      'shared_experiment',
    ]);

    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const graphEl = doc.getElementsByTagName('graph')[0]!;
    expect(graphEl.getAttribute('mode')).toBe('dynamic');
    expect(graphEl.getAttribute('timeformat')).toBe('dateTime');
    const nodeEls = Array.from(doc.getElementsByTagName('node'));
    for (const n of nodeEls) expect(n.getAttribute('start')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const delta = nodeEls.find((n) => n.getAttribute('id') === s.d.id)!;
    expect(delta.getAttribute('end')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const ended = Array.from(doc.getElementsByTagName('edge')).filter((e) => e.hasAttribute('end'));
    expect(ended).toHaveLength(2);
  });

  it('pseudonymised: no name or email of a pseudonymised person anywhere; consent names a partner', async () => {
    const s = await seeded();
    const q = '?pseudonymise=true';
    const bodies = async () => {
      const out: string[] = [];
      for (const file of FILES) {
        out.push((await raw(t, s.coordinator.token, path(s.w.id, file + q)).expect(200)).body);
      }
      return out.join('\n');
    };
    let all = await bodies();
    // Bea is an individual (not named by default) and a member: her name and email are gone.
    for (const secret of [
      'Bea Jansen',
      s.beaUser.email,
      s.coordinator.email,
      s.coordinator.displayName,
    ]) {
      expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    for (const id of [s.bPartner.id, s.a.partner.id, s.c.id]) expect(all).not.toContain(id);
    expect(all).toContain('Alpha Org'); // organisations are named by default
    expect(all).toContain('[redacted]');
    const nodes = csv<Record<string, string>>(
      (await raw(t, s.coordinator.token, path(s.w.id, `tables/nodes.csv${q}`))).body,
    );
    expect(nodes.find((n) => n.kind === 'individual')).toMatchObject({ pseudonymised: 'true' });
    expect(nodes.find((n) => n.kind === 'individual')!.label).toMatch(/^P-[0-9a-f]{10}$/);

    // Alpha withdraws its consent (its representative): gone from the next export too.
    await api(t, s.a.rep.token)
      .put(path(s.w.id, `consents/${s.a.partner.id}`), { mayBeNamed: false })
      .expect(200);
    all = await bodies();
    expect(all).not.toContain('Alpha Org');
    expect(all).not.toContain(s.a.rep.email);
    // And without pseudonymisation everything is there.
    const plainNodes = (await raw(t, s.coordinator.token, path(s.w.id, 'tables/nodes.csv'))).body;
    expect(plainNodes).toContain('Alpha Org');
    expect(plainNodes).toContain('Bea Jansen');
  });

  it('consents: defaults, who may change them (401/404/403/400), and the event', async () => {
    const s = await seeded();
    const list = await api(t, s.plain.token).get(path(s.w.id, 'consents')).expect(200);
    const byId = new Map(
      (list.body as { partnerId: string; mayBeNamed: boolean; explicit: boolean }[]).map((c) => [
        c.partnerId,
        c,
      ]),
    );
    expect(byId.get(s.a.partner.id)).toMatchObject({ mayBeNamed: true, explicit: false });
    expect(byId.get(s.bPartner.id)).toMatchObject({ mayBeNamed: false, explicit: false });

    await api(t).get(path(s.w.id, 'consents')).expect(401);
    await api(t, (await registerUser(t)).token)
      .get(path(s.w.id, 'consents'))
      .expect(404);
    await api(t, s.observer.token).get(path(s.w.id, 'consents')).expect(200);
    const put = (token: string | undefined, pid: string, body: object) =>
      api(t, token).put(path(s.w.id, `consents/${pid}`), body);
    await put(undefined, s.bPartner.id, { mayBeNamed: true }).expect(401);
    const stranger = await registerUser(t);
    await put(stranger.token, s.bPartner.id, { mayBeNamed: true }).expect(404);
    const other = await createWorkspace(t, stranger);
    const foreign = await createPartner(t, stranger, other.id);
    await put(s.coordinator.token, foreign.id, { mayBeNamed: true }).expect(404);
    await put(s.coordinator.token, 'not-an-id', { mayBeNamed: true }).expect(404);
    await put(s.plain.token, s.bPartner.id, { mayBeNamed: true }).expect(403);
    await put(s.observer.token, s.bPartner.id, { mayBeNamed: true }).expect(403);
    await put(s.a.rep.token, s.bPartner.id, { mayBeNamed: true }).expect(403);
    await put(s.plain.token, s.bPartner.id, { mayBeNamed: 'yes' }).expect(403);
    const bad = await put(s.bRep.token, s.bPartner.id, { mayBeNamed: 'yes' }).expect(400);
    expect(bad.body.details[0].path).toEqual(['mayBeNamed']);

    const ok = await put(s.bRep.token, s.bPartner.id, { mayBeNamed: true }).expect(200);
    expect(ok.body).toMatchObject({ partnerId: s.bPartner.id, mayBeNamed: true, explicit: true });
    await put(s.coordinator.token, s.bPartner.id, { mayBeNamed: true }).expect(200);
    const events = await api(t, s.coordinator.token)
      .get(`/api/workspaces/${s.w.id}/activity?type=partner.research_consent_changed`)
      .expect(200);
    // The second PUT changed nothing: one event.
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      actorId: s.bRep.id,
      subjectId: s.bPartner.id,
      partnerIds: [s.bPartner.id],
      payload: { from: false, to: true, partnerName: 'Bea Jansen' },
    });
    // Now named: Bea's partner label is kept in a pseudonymised export.
    const nodes = csv<Record<string, string>>(
      (await raw(t, s.coordinator.token, path(s.w.id, 'tables/nodes.csv?pseudonymise=true'))).body,
    );
    expect(nodes.find((n) => n.kind === 'individual')).toMatchObject({
      label: 'Bea Jansen',
      pseudonymised: 'false',
    });
  });

  it('codebook: every column of both tables, in nl and en', async () => {
    const s = await seeded();
    await api(t).get('/api/research/codebook').expect(401);
    const res = await api(t, s.plain.token).get('/api/research/codebook').expect(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(RESEARCH_CODEBOOK)));
    const fields = (table: string) =>
      (res.body as { table: string; fields: { name: string; meaning: object }[] }[])
        .find((x) => x.table === table)!
        .fields.map((f) => f.name);
    expect(fields('nodes')).toEqual([...RESEARCH_NODE_COLUMNS]);
    expect(fields('edges')).toEqual([...RESEARCH_EDGE_COLUMNS]);
  });
});
