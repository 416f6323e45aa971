import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import { propose, votePath } from '../../../test/decisions';
import { PartnersService } from '../partners/partners.service';
import { PrinciplesService } from '../principles/principles.service';
import { ProposalsService } from '../proposals/proposals.service';
import {
  addMember,
  api,
  createPartner,
  createWorkspace,
  partnerWithRepresentative,
  registerUser,
} from '../../../test/factories';

/** The body as text, whatever the content type (supertest only buffers JSON and text/*). */
function raw(t: TestApp, token: string, path: string) {
  return request(t.baseUrl)
    .get(path)
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
}

describe('research export (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const tricky = { note: 'comma, "quotes",\nnew line; ë ✓', n: [1, 2] };

  async function seeded() {
    const coordinator = await registerUser(t);
    const w = await createWorkspace(t, coordinator, { name: 'Regina Mundi & Labiomista' });
    const observer = await addMember(t, coordinator, w.id, 'observer');
    // Two founding core partners with a representative each, one that left, a principle, and
    // a proposal accepted by the votes of both (consensus: everyone voted yes).
    const a = await partnerWithRepresentative(t, coordinator, w.id, { tier: 'core', name: 'A' });
    const b = await partnerWithRepresentative(t, coordinator, w.id, { tier: 'core', name: 'B' });
    const gone = await createPartner(t, coordinator, w.id, { tier: 'core', name: 'Gone' });
    await api(t, coordinator.token)
      .post(`/api/workspaces/${w.id}/partners/${gone.id}/leave`, { reason: 'moved away' })
      .expect(200);
    const principle = await api(t, coordinator.token)
      .post(`/api/workspaces/${w.id}/principles`, { title: 'Play is for everyone' })
      .expect(201);
    const opened = await propose(t, coordinator, w.id, {
      principleFit: [{ principleId: principle.body.id, fits: true }],
    });
    await api(t, a.rep.token).post(votePath(w.id, opened.id), { choice: 'yes' }).expect(200);
    const accepted = await api(t, b.rep.token)
      .post(votePath(w.id, opened.id), { choice: 'yes' })
      .expect(200);
    expect(accepted.body.status).toBe('accepted');
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${w.id}`, { stage: 'catalysing_initiating' })
      .expect(200);
    // A long log (over two 1,000-row batches) and a payload that needs CSV quoting.
    await sql(
      `INSERT INTO activity_events ("workspaceId", type, "actorId", "subjectType", "subjectId", payload)
       SELECT $1, 'workspace.updated', $2, 'workspace', $1, jsonb_build_object('i', g)
         FROM generate_series(1, 2100) g`,
      [w.id, coordinator.id],
    );
    await sql(
      `INSERT INTO activity_events ("workspaceId", type, "actorId", "subjectType", payload)
       VALUES ($1, 'workspace.updated', NULL, 'workspace', $2)`,
      [w.id, JSON.stringify(tricky)],
    );
    const eventIds = (
      await sql<{ id: string }>(
        'SELECT id FROM activity_events WHERE "workspaceId" = $1 ORDER BY seq',
        [w.id],
      )
    ).map((e) => e.id);
    return {
      coordinator,
      observer,
      a,
      b,
      gone,
      principleId: principle.body.id as string,
      proposal: accepted.body as { id: string; candidatePartnerId: string },
      w,
      eventIds,
      eventCount: eventIds.length,
    };
  }

  it('JSON: every section, every event in order, emails for coordinators only', async () => {
    const s = await seeded();
    const res = await raw(t, s.coordinator.token, `/api/workspaces/${s.w.id}/export`).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="coalesce-regina-mundi-labiomista-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = JSON.parse(res.body as string);
    expect(Object.keys(body)).toEqual([
      'format',
      'exportedAt',
      'untilSeq',
      'workspace',
      'stageHistory',
      'members',
      'partners',
      'principles',
      'proposals',
      'experiments',
      'connections',
      'documents',
      'events',
    ]);
    expect(body.workspace).toMatchObject({ id: s.w.id, stage: 'catalysing_initiating' });
    expect(body.stageHistory.map((h: { to: string }) => h.to)).toEqual([
      'hypothesis_vision',
      'catalysing_initiating',
    ]);
    expect(body.events).toHaveLength(s.eventCount);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(s.eventIds);
    const seqs = body.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(body.events[0].type).toBe('workspace.created');
    expect(body.events.at(-1).payload).toEqual(tricky);
    expect(body.members).toEqual([
      expect.objectContaining({
        userId: s.coordinator.id,
        role: 'coordinator',
        email: s.coordinator.email,
      }),
      expect.objectContaining({ userId: s.observer.id, role: 'observer', email: s.observer.email }),
      ...[s.a, s.b].map(({ rep, partner }) =>
        expect.objectContaining({
          userId: rep.id,
          role: 'member',
          partnerId: partner.id,
          email: rep.email,
        }),
      ),
    ]);
    expect(body.documents).toEqual([
      expect.objectContaining({ id: s.w.visionDocumentId, kind: 'vision', versions: [] }),
    ]);
    // Partners, oldest first, with how they came in (and went).
    type Partner = { id: string; status: string; joinedAt: string | null; leftAt: string | null };
    const partners = body.partners as (Partner & { admittedByProposalId: string | null })[];
    expect(partners.map((p) => p.id)).toEqual([
      s.a.partner.id,
      s.b.partner.id,
      s.gone.id,
      s.proposal.candidatePartnerId,
    ]);
    expect(partners[0]).toMatchObject({
      status: 'active',
      joinedAt: expect.stringMatching(/Z$/),
      leftAt: null,
      admittedByProposalId: null,
    });
    expect(partners[2]).toMatchObject({
      status: 'left',
      leftAt: expect.stringMatching(/Z$/),
      admittedByProposalId: null,
    });
    expect(partners[3]).toMatchObject({
      status: 'active',
      tier: 'core',
      joinedAt: expect.stringMatching(/Z$/),
      admittedByProposalId: s.proposal.id,
    });
    // Each admitted partner's deciding proposal is in the export, whole, and so are its events.
    const admitted = partners.filter((p) => p.admittedByProposalId);
    expect(admitted).toHaveLength(1);
    for (const p of admitted) {
      const deciding = body.proposals.find((x: { id: string }) => x.id === p.admittedByProposalId);
      expect(deciding).toMatchObject({
        candidatePartnerId: p.id,
        status: 'accepted',
        policy: { rule: 'consensus', electorate: 'core' },
        outcome: { status: 'accepted' },
        principleFit: [{ principleId: s.principleId, fits: true }],
        advice: [],
        closedAt: expect.stringMatching(/Z$/),
      });
      const founders = [s.a.partner.id, s.b.partner.id].sort();
      const ids = (xs: { partnerId: string }[]) => xs.map((x) => x.partnerId).sort();
      expect(ids(deciding.electorate)).toEqual(founders);
      expect(deciding.electorate.map((e: { weight: number }) => e.weight)).toEqual([1, 1]);
      expect(ids(deciding.votes)).toEqual(founders);
      expect(deciding.voteHistory).toHaveLength(2);
      const about = body.events.filter(
        (e: { subjectId: string }) => e.subjectId === deciding.id || e.subjectId === p.id,
      );
      expect(about.map((e: { type: string }) => e.type)).toEqual([
        'proposal.opened',
        'vote.cast',
        'vote.cast',
        'proposal.closed',
        'partner.added',
      ]);
      expect(about.at(-1).payload).toMatchObject({ via: 'proposal', proposalId: deciding.id });
    }
    expect(body.proposals).toHaveLength(1);
    expect(body.principles).toEqual([
      expect.objectContaining({ id: s.principleId, title: 'Play is for everyone', order: 0 }),
    ]);
    // The sections stream in keyset batches: batches of one give the same rows in the same order.
    const all = async <T>(batches: AsyncIterable<T[]>) => {
      const rows: T[] = [];
      for await (const batch of batches) rows.push(...batch);
      return rows;
    };
    // Same JSON round trip as the export itself (drops undefined fields).
    const json = (v: unknown) => JSON.parse(JSON.stringify(v));
    expect(json(await all(t.app.get(PartnersService).exportBatches(s.w.id, 1)))).toEqual(
      body.partners,
    );
    expect(json(await all(t.app.get(ProposalsService).exportBatches(s.w.id, 1)))).toEqual(
      body.proposals,
    );
    expect(json(await all(t.app.get(PrinciplesService).exportBatches(s.w.id, 1)))).toEqual(
      body.principles,
    );
    // Built by another branch: still empty.
    expect(body.experiments).toEqual([]);
    expect(body.connections).toEqual([]);

    const asObserver = await raw(t, s.observer.token, `/api/workspaces/${s.w.id}/export`).expect(
      200,
    );
    const o = JSON.parse(asObserver.body as string);
    expect(o.members).toHaveLength(4);
    expect(o.partners).toEqual(body.partners);
    expect(o.proposals).toEqual(body.proposals);
    for (const m of o.members) {
      expect(Object.keys(m).sort()).toEqual(
        ['userId', 'displayName', 'role', 'broker', 'partnerId', 'joinedAt'].sort(),
      );
    }
    expect(asObserver.body as string).not.toContain(s.coordinator.email);
    expect(o.events).toHaveLength(s.eventCount);
  });

  it('CSV: one row per event, parseable, payload as JSON', async () => {
    const s = await seeded();
    const res = await raw(
      t,
      s.observer.token,
      `/api/workspaces/${s.w.id}/export?format=csv`,
    ).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="coalesce-.*\.csv"$/);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(s.eventCount);
    expect(rows.map((r) => r.id)).toEqual(s.eventIds);
    const decisions = rows.filter((r) => r.subjectId === s.proposal.id);
    expect(decisions.map((r) => r.type)).toEqual([
      'proposal.opened',
      'vote.cast',
      'vote.cast',
      'proposal.closed',
    ]);
    expect(JSON.parse(decisions.at(-1)!.payload!)).toMatchObject({
      status: 'accepted',
      candidateName: 'Labiomista',
    });
    // The closing payload names the votes in the order they were cast.
    expect(JSON.parse(decisions.at(-1)!.payload!).votes).toEqual([
      { partnerId: s.a.partner.id, choice: 'yes', castBy: s.a.rep.id },
      { partnerId: s.b.partner.id, choice: 'yes', castBy: s.b.rep.id },
    ]);
    expect(Object.keys(rows[0]!)).toEqual([
      'seq',
      'id',
      'createdAt',
      'type',
      'actorId',
      'subjectType',
      'subjectId',
      'payload',
    ]);
    expect(rows[0]).toMatchObject({
      type: 'workspace.created',
      actorId: s.coordinator.id,
      subjectId: s.w.id,
    });
    const last = rows.at(-1)!;
    expect(JSON.parse(last.payload!)).toEqual(tricky);
    expect(last.actorId).toBe('');
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('members 403, non-members and malformed ids 404, unknown format 400, anonymous 401', async () => {
    const coordinator = await registerUser(t);
    const w = await createWorkspace(t, coordinator);
    const member = await addMember(t, coordinator, w.id, 'member');
    const stranger = await registerUser(t);
    const path = `/api/workspaces/${w.id}/export`;
    expect((await api(t, member.token).get(path).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await api(t, member.token).get(`${path}?format=xml`).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    await api(t, stranger.token).get(path).expect(404);
    await api(t, coordinator.token).get('/api/workspaces/not-a-uuid/export').expect(404);
    const bad = await api(t, coordinator.token).get(`${path}?format=xml`).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: ['format'] }] });
    await api(t).get(path).expect(401);
  });
});
