import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import {
  RESEARCH_CODEBOOK,
  RESEARCH_TABLES,
  researchColumns,
  type ResearchDatasetDto,
  type SurveyTieInput,
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

/** The body as bytes, whatever the content type. */
const bytes = (t: TestApp, token: string | undefined, path: string) =>
  download(t, token, path, 'bytes');

const csv = (body: string): Record<string, string>[] =>
  parseCsv(body, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const header = (body: string): string[] => (parseCsv(body, { to_line: 1 }) as string[][])[0] ?? [];

const rated = (partnerId: string, n: number, level: SurveyTieInput['level'] = 'coordination') => ({
  partnerId,
  worksWith: true,
  level,
  trust: { reliability: n, missionSupport: n, openness: n },
  value: { influence: n, involvement: n, resourceContribution: n },
  contributions: ['expertise', 'resources'],
});
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('research dataset: surveys, scores, stage profiles, follow-through (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /**
   * Alpha, Bea Jansen (an individual: pseudonymised by default), Gamma and Delta, each with a
   * representative; a broker (a person) introduced Alpha and Bea, both accepted; a wave whose
   * title names Bea, answered by all four: Bea is rated by the three others.
   */
  async function seeded() {
    const coordinator = await registerUser(t, { displayName: 'Cora Coordinator' });
    const w = await createWorkspace(t, coordinator, { name: 'Dataset net' });
    const observer = await addMember(t, coordinator, w.id, 'observer');
    const plain = await addMember(t, coordinator, w.id, 'member');
    const brokerUser = await registerUser(t, { displayName: 'Bruno Makelaar' });
    const broker = await addMember(t, coordinator, w.id, 'member', {
      broker: true,
      user: brokerUser,
    });
    const a = await partnerWithRepresentative(t, coordinator, w.id, { name: 'Alpha Org' });
    const beaUser = await registerUser(t, { displayName: 'Bea Jansen' });
    const bea = await createPartner(t, coordinator, w.id, {
      name: 'Bea Jansen',
      kind: 'individual',
    });
    const beaRep = await addMember(t, coordinator, w.id, 'member', {
      partnerId: bea.id,
      user: beaUser,
    });
    const g = await partnerWithRepresentative(t, coordinator, w.id, { name: 'Gamma Club' });
    const d = await partnerWithRepresentative(t, coordinator, w.id, { name: 'Delta School' });
    const conn = await api(t, broker.token)
      .post(`/api/workspaces/${w.id}/connections`, {
        fromPartnerId: a.partner.id,
        toPartnerId: bea.id,
        reason: 'Both work with teenagers',
      })
      .expect(201);
    for (const rep of [a.rep, beaRep]) {
      await api(t, rep.token)
        .post(`/api/workspaces/${w.id}/connections/${conn.body.id}/respond`, { accept: true })
        .expect(200);
    }
    const wave = (
      await api(t, coordinator.token)
        .post(`/api/workspaces/${w.id}/surveys`, {
          title: `Spring with Bea Jansen (${beaUser.email})`,
          closesAt: inDays(14),
        })
        .expect(201)
    ).body as { id: string };
    const answer = (rep: { token: string }, pid: string, body: object) =>
      api(t, rep.token)
        .put(`/api/workspaces/${w.id}/surveys/${wave.id}/responses/${pid}`, body)
        .expect(200);
    await answer(a.rep, a.partner.id, {
      ties: [rated(bea.id, 3), rated(g.partner.id, 4, 'collaboration')],
      stage: { vision_forming: 3, experiments_evidence: 2 },
    });
    await answer(g.rep, g.partner.id, {
      ties: [rated(bea.id, 2, 'cooperation'), { partnerId: d.partner.id, worksWith: false }],
      stage: { vision_forming: 4 },
    });
    await answer(d.rep, d.partner.id, {
      ties: [rated(bea.id, 4, 'collaboration')],
      stage: { vision_forming: 2, sustainable_funding: 1 },
    });
    await answer(beaRep, bea.id, { ties: [rated(a.partner.id, 3)], stage: {} });
    return { coordinator, observer, plain, broker, brokerUser, w, a, bea, beaUser, g, d, wave };
  }

  const path = (wid: string, file: string) => `/api/workspaces/${wid}/research/${file}`;
  const json = async (token: string, wid: string, query = '') =>
    (
      await api(t, token)
        .get(`${path(wid, 'dataset.json')}${query}`)
        .expect(200)
    ).body as ResearchDatasetDto;
  const INDIVIDUAL = RESEARCH_CODEBOOK.filter((x) => x.individual).map((x) => x.table);

  it('roles: 401, 404 for strangers and unknown tables, 403 for members; observers get individual tables only pseudonymised', async () => {
    const s = await seeded();
    const stranger = await registerUser(t);
    for (const file of [
      'dataset.json',
      'dataset.zip',
      'tables/waves.csv',
      'tables/responses.csv',
    ]) {
      await bytes(t, undefined, path(s.w.id, file)).expect(401);
      await bytes(t, stranger.token, path(s.w.id, file)).expect(404);
      await bytes(t, s.plain.token, path(s.w.id, file)).expect(403);
      await bytes(t, s.broker.token, path(s.w.id, `${file}?pseudonymise=true`)).expect(403);
      await bytes(t, s.coordinator.token, path(s.w.id, file)).expect(200);
    }
    await bytes(t, s.coordinator.token, path(s.w.id, 'tables/secrets.csv')).expect(404);
    for (const table of INDIVIDUAL) {
      const file = `tables/${table}.csv`;
      const denied = await api(t, s.observer.token).get(path(s.w.id, file)).expect(403);
      expect(denied.body.message).toMatch(/pseudonymised/);
      await bytes(t, s.observer.token, path(s.w.id, `${file}?pseudonymise=true`)).expect(200);
    }
    await bytes(t, s.observer.token, path(s.w.id, 'tables/partner_scores.csv')).expect(200);

    // The dataset leaves them out for an observer (named in `withheld`), never silently.
    const plainDataset = await json(s.observer.token, s.w.id);
    expect(plainDataset.withheld.sort()).toEqual([...INDIVIDUAL].sort());
    expect(Object.keys(plainDataset.tables).sort()).toEqual(
      RESEARCH_TABLES.filter((x) => !INDIVIDUAL.includes(x)).sort(),
    );
    const pseudo = await json(s.observer.token, s.w.id, '?pseudonymise=true');
    expect(pseudo.withheld).toEqual([]);
    expect(pseudo.tables.responses).toHaveLength(6);
    expect((await json(s.coordinator.token, s.w.id)).withheld).toEqual([]);
  });

  it('400 naming the field for bad filters, on every new endpoint', async () => {
    const s = await seeded();
    for (const file of ['dataset.json', 'dataset.zip', 'tables/responses.csv']) {
      for (const [query, field] of [
        ['from=yesterday', 'from'],
        ['to=2025-02-30', 'to'],
        ['from=2025-03-01&to=2025-02-01', 'to'],
        ['pseudonymise=yes', 'pseudonymise'],
      ]) {
        const res = await api(t, s.coordinator.token)
          .get(`${path(s.w.id, file)}?${query}`)
          .expect(400);
        expect(res.body.details.map((x: { path: string[] }) => x.path.join('.'))).toEqual([field]);
      }
    }
  });

  it('every field every export emits is in the codebook (JSON keys, CSV headers, the ZIP’s files)', async () => {
    const s = await seeded();
    const d = await json(s.coordinator.token, s.w.id);
    for (const table of RESEARCH_TABLES) {
      const rows = d.tables[table]!;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(row)).toEqual(researchColumns(table));
      const res = await bytes(t, s.coordinator.token, path(s.w.id, `tables/${table}.csv`)).expect(
        200,
      );
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`filename="coalesce-${table}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
      );
      const text = (res.body as Buffer).toString('utf8');
      expect(header(text)).toEqual(researchColumns(table));
      expect(csv(text)).toHaveLength(rows.length);
    }
    const zip = unzipSync(
      new Uint8Array(
        (await bytes(t, s.coordinator.token, path(s.w.id, 'dataset.zip')).expect(200)).body,
      ),
    );
    const names = Object.keys(zip).map((n) => n.split('/').pop()!);
    expect(names.sort()).toEqual(
      [
        ...RESEARCH_TABLES.map((x) => `${x}.csv`),
        'codebook.csv',
        'network.gexf',
        'README.txt',
      ].sort(),
    );
    const file = (name: string) =>
      strFromU8(zip[Object.keys(zip).find((n) => n.endsWith(`/${name}`))!]!);
    // The GEXF's attributes are fields of the nodes and edges tables.
    const gexf = file('network.gexf');
    for (const cls of ['node', 'edge'] as const) {
      const block = new RegExp(`<attributes class="${cls}"[^>]*>([\\s\\S]*?)</attributes>`).exec(
        gexf,
      )![1]!;
      const titles = [...block.matchAll(/title="(\w+)"/g)].map((m) => m[1]!);
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) expect(researchColumns(`${cls}s`)).toContain(title);
    }
    const codebook = csv(file('codebook.csv'));
    for (const table of RESEARCH_TABLES) {
      const documented = codebook.filter((c) => c.table === table);
      expect(header(file(`${table}.csv`))).toEqual(documented.map((c) => c.field));
      for (const c of documented) {
        expect(c.meaning_nl!.length).toBeGreaterThan(5);
        expect(c.meaning_en!.length).toBeGreaterThan(5);
        if (c.type === 'enum' || c.type === 'list') expect(c.allowedValues).not.toBe('');
      }
      // Every enum cell holds an allowed value.
      for (const row of csv(file(`${table}.csv`))) {
        for (const c of documented) {
          const cell = row[c.field!];
          if (!cell || !c.allowedValues) continue;
          for (const v of cell.split(';')) expect(c.allowedValues.split(';')).toContain(v);
        }
      }
    }
  });

  it('the values: answers, scores from 3 raters, stage profile, follow-through by a survey rating', async () => {
    const s = await seeded();
    const d = await json(s.coordinator.token, s.w.id);
    const tb = d.tables;
    expect(tb.waves).toEqual([
      expect.objectContaining({
        id: s.wave.id,
        status: 'open',
        declaredStage: 'hypothesis_vision',
        rosterSize: 4,
        respondents: 4,
      }),
    ]);
    expect(tb.responses).toContainEqual(
      expect.objectContaining({
        rater: s.a.partner.id,
        rated: s.bea.id,
        worksWith: true,
        level: 'coordination',
        reliability: 3,
        trust: 3,
        value: 3,
        contributions: 'expertise;resources',
      }),
    );
    expect(tb.responses).toContainEqual(
      expect.objectContaining({
        rater: s.g.partner.id,
        rated: s.d.partner.id,
        worksWith: false,
        level: null,
        trust: null,
      }),
    );
    // Bea was rated by three partners (3, 2, 4): her score shows; Alpha's (one rater) does not.
    const score = (pid: string) => tb.partner_scores!.find((r) => r.partner === pid)!;
    expect(score(s.bea.id)).toMatchObject({
      label: 'Bea Jansen',
      trust: 3,
      trustRaters: 3,
      value: 3,
    });
    expect(score(s.a.partner.id)).toMatchObject({ trust: null, trustRaters: 1 });
    expect(tb.network_scores![0]).toMatchObject({
      respondents: 4,
      rosterSize: 4,
      previousWaveId: null,
    });
    const vision = tb.stage_profiles!.find((r) => r.stage === 'hypothesis_vision')!;
    // Alpha rated one vision statement 3, Gamma 4, Delta 2: (3 + 4 + 2) / 3.
    expect(vision).toMatchObject({ score: 3, raters: 3, strongest: true });
    expect(tb.stage_ratings).toHaveLength(5);
    expect(tb.follow_through).toEqual([
      expect.objectContaining({
        windowDays: 90,
        introductions: 1,
        withinWindow: 1,
        ever: 1,
        shareEver: 1,
      }),
    ]);
    expect(tb.broker_follow_through).toEqual([
      expect.objectContaining({
        broker: s.brokerUser.id,
        brokerLabel: 'Bruno Makelaar',
        introductions: 1,
      }),
    ]);
    expect(tb.introductions![0]).toMatchObject({
      broker: s.brokerUser.id,
      firstCollaborationKind: 'survey_rating',
      withinWindow: true,
    });
    // The introduction joins the edges table on its id.
    expect(tb.edges!.map((e) => e.id)).toContain(tb.introductions![0]!.edgeId);

    // A period that ends before anything happened, or starts after it: no survey rows.
    for (const q of ['?to=2000-01-01', `?from=${inDays(30)}`]) {
      const cut = (await json(s.coordinator.token, s.w.id, q)).tables;
      for (const table of [
        'waves',
        'responses',
        'stage_ratings',
        'partner_scores',
        'introductions',
      ] as const) {
        expect(cut[table]).toEqual([]);
      }
      expect(cut.follow_through![0]).toMatchObject({ introductions: 0, shareEver: null });
    }
  });

  it('pseudonymised ZIP: no name or email of a pseudonymised person; one key, so the tables join', async () => {
    const s = await seeded();
    const res = await bytes(
      t,
      s.observer.token,
      path(s.w.id, 'dataset.zip?pseudonymise=true'),
    ).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(res.body as Buffer));
    const file = (name: string) =>
      strFromU8(zip[Object.keys(zip).find((n) => n.endsWith(`/${name}`))!]!);
    const everything = Object.keys(zip)
      .filter((n) => !n.endsWith('codebook.csv'))
      .map((n) => strFromU8(zip[n]!))
      .join('\n');
    for (const secret of [
      'Bea Jansen',
      s.beaUser.email,
      s.bea.id,
      s.beaUser.id,
      'Bruno Makelaar',
      s.brokerUser.email,
      s.brokerUser.id,
      'Cora Coordinator',
      s.coordinator.email,
    ]) {
      expect(everything).not.toContain(secret);
    }
    // Organisations are named by default; the wave's title lost Bea's name and email.
    expect(file('nodes.csv')).toContain('Alpha Org');
    expect(csv(file('waves.csv'))[0]!.title).toBe('Spring with [redacted] ([redacted])');
    const nodeIds = new Set(csv(file('nodes.csv')).map((n) => n.id));
    const responses = csv(file('responses.csv'));
    expect(responses).toHaveLength(6);
    for (const r of responses) {
      expect(nodeIds).toContain(r.rater);
      expect(nodeIds).toContain(r.rated);
    }
    const beaScore = csv(file('partner_scores.csv')).find((r) => r.trustRaters === '3')!;
    expect(beaScore.label).toBe(beaScore.partner);
    expect(beaScore.partner).toMatch(/^P-[0-9a-f]{10}$/);
    const intro = csv(file('introductions.csv'))[0]!;
    expect(csv(file('edges.csv')).map((e) => e.id)).toContain(intro.edgeId);
    expect(intro.broker).toBe(csv(file('broker_follow_through.csv'))[0]!.broker);
    const readme = file('README.txt');
    expect(readme).toMatch(/Pseudonymised: yes/);
    expect(readme).toMatch(/Gepseudonimiseerd: ja/);
  });
});
