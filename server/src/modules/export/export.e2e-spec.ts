import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import { addMember, api, createWorkspace, registerUser } from '../../../test/factories';

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
    const member = await addMember(t, coordinator, w.id, 'member', {
      partnerId: '44444444-4444-4444-8444-444444444444',
    });
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
    const [count] = await sql<{ n: string }>(
      'SELECT count(*) AS n FROM activity_events WHERE "workspaceId" = $1',
      [w.id],
    );
    return { coordinator, observer, member, w, eventCount: Number(count!.n) };
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
      expect.objectContaining({
        userId: s.member.id,
        role: 'member',
        partnerId: '44444444-4444-4444-8444-444444444444',
        email: s.member.email,
      }),
    ]);
    expect(body.documents).toEqual([
      expect.objectContaining({ id: s.w.visionDocumentId, kind: 'vision', versions: [] }),
    ]);
    for (const k of ['partners', 'principles', 'proposals', 'experiments', 'connections']) {
      expect(body[k]).toEqual([]);
    }

    const asObserver = await raw(t, s.observer.token, `/api/workspaces/${s.w.id}/export`).expect(
      200,
    );
    const o = JSON.parse(asObserver.body as string);
    expect(o.members).toHaveLength(3);
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
