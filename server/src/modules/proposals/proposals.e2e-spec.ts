import type { ProposalDto, ProposalTallyPayload } from '@coalesce/shared';
import { sql } from '../../../test/db';
import {
  addMember,
  api,
  connectSocket,
  createPartner,
  createWorkspace,
  joinWorkspace,
  registerUser,
  type TestSocket,
} from '../../../test/factories';
import { network, propose, setPolicy, votePath } from '../../../test/decisions';
import { startTestApp, type TestApp } from '../../../test/test-app';

function nextTally(
  socket: TestSocket,
  predicate: (t: ProposalTallyPayload) => boolean,
  timeoutMs = 3000,
): Promise<ProposalTallyPayload> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('proposal:tally', on);
      reject(new Error('no matching proposal:tally'));
    }, timeoutMs);
    const on = (t: ProposalTallyPayload) => {
      if (!predicate(t)) return;
      clearTimeout(timer);
      socket.off('proposal:tally', on);
      resolve(t);
    };
    socket.on('proposal:tally', on);
  });
}

describe('proposals (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('accepted by consensus: the candidate becomes an active core partner, events logged, tally pushed live', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 3 });
    const observer = await addMember(t, coordinator, wid, 'observer');
    const socket = await connectSocket(t, { token: observer.token });
    sockets.push(socket);
    expect(await joinWorkspace(socket, wid)).toEqual({ ok: true });

    const p = await propose(t, voters[0]!.rep, wid, {
      closesAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(p).toMatchObject({
      status: 'open',
      tier: 'core',
      stage: 'hypothesis_vision',
      policy: { rule: 'consensus', electorate: 'core' },
      candidate: { name: 'Labiomista', status: 'candidate', tier: 'core' },
      consultationEndsAt: null,
      closedAt: null,
      outcome: null,
      proposedBy: voters[0]!.rep.id,
      votes: [],
      voteHistory: [],
      advice: [],
    });
    expect(p.electorate).toHaveLength(3);
    expect(p.tally).toMatchObject({ yes: 0, totalWeight: 3, missing: expect.any(Array) });

    const firstTally = nextTally(socket, (x) => x.proposalId === p.id);
    const r1 = await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'yes' })
      .expect(200);
    expect(r1.body.tally).toMatchObject({
      yes: 1,
      yesWeight: 1,
      votedWeight: 1,
      missing: expect.any(Array),
    });
    expect(r1.body.votes).toEqual([
      {
        partnerId: voters[0]!.partner.id,
        choice: 'yes',
        reason: null,
        castBy: voters[0]!.rep.id,
        castAt: expect.stringMatching(/Z$/),
      },
    ]);
    expect(await firstTally).toEqual({
      proposalId: p.id,
      workspaceId: wid,
      status: 'open',
      tally: r1.body.tally,
    });

    await api(t, voters[1]!.rep.token).post(votePath(wid, p.id), { choice: 'abstain' }).expect(200);
    const closing = nextTally(socket, (x) => x.proposalId === p.id && x.status !== 'open');
    const last = await api(t, voters[2]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'yes' })
      .expect(200);
    expect(last.body).toMatchObject({
      status: 'accepted',
      outcome: { status: 'accepted', reason: 'unanimous' },
      closedAt: expect.stringMatching(/Z$/),
      candidate: { status: 'active', tier: 'core', joinedAt: expect.stringMatching(/Z$/) },
    });
    expect((await closing).status).toBe('accepted');

    const partners = await api(t, observer.token)
      .get(`/api/workspaces/${wid}/partners?status=active&tier=core`)
      .expect(200);
    expect(partners.body.items.map((x: { id: string }) => x.id)).toContain(p.candidatePartnerId);
    const log = await api(t, observer.token)
      .get(`/api/workspaces/${wid}/activity?limit=10`)
      .expect(200);
    expect(log.body.items.slice(0, 6).map((e: { type: string }) => e.type)).toEqual([
      'partner.added',
      'proposal.closed',
      'vote.cast',
      'vote.cast',
      'vote.cast',
      'proposal.opened',
    ]);
    // The last vote is the voter's act; the closing and the admission it caused are the
    // system's (no actor). The vote names the candidate for the feed.
    const [added, closed, lastVote] = log.body.items as {
      actorId: string | null;
      payload: Record<string, unknown>;
    }[];
    expect(added!.actorId).toBeNull();
    expect(closed!.actorId).toBeNull();
    expect(lastVote!.actorId).toBe(voters[2]!.rep.id);
    expect(lastVote!.payload).toMatchObject({
      choice: 'yes',
      candidateName: 'Labiomista',
      candidatePartnerId: p.candidatePartnerId,
    });
    // A closed proposal takes no more votes.
    await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'no', reason: 'late' })
      .expect(409);
  });

  it('who may vote: observer 403, outside the electorate 403, consensus no without reason 400 naming it', async () => {
    const { coordinator, wid, voters, broad } = await network(t, { core: 2, broad: 1 });
    const p = await propose(t, coordinator, wid);
    const observer = await addMember(t, coordinator, wid, 'observer', {
      partnerId: voters[0]!.partner.id,
    });
    await api(t, observer.token).post(votePath(wid, p.id), { choice: 'maybe' }).expect(403);
    await api(t, coordinator.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(403);
    await api(t, broad[0]!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(403);
    const noReason = await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'no' })
      .expect(400);
    expect(noReason.body.details[0].path).toEqual(['reason']);
    // Machine-readable, so a client can say it in its reader's language.
    expect(noReason.body.details[0].rule).toBe('reason_required');
    const badChoice = await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'maybe' })
      .expect(400);
    expect(badChoice.body.details[0].path).toEqual(['choice']);
    await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'no', reason: 'Not yet' })
      .expect(200);
    // A second representative of the same partner replaces its vote.
    const second = await addMember(t, coordinator, wid, 'member', {
      partnerId: voters[0]!.partner.id,
    });
    const replaced = await api(t, second.token)
      .post(votePath(wid, p.id), { choice: 'yes' })
      .expect(200);
    expect(replaced.body.votes).toEqual([
      expect.objectContaining({ choice: 'yes', castBy: second.id }),
    ]);
    expect(replaced.body.voteHistory).toEqual([
      expect.objectContaining({
        choice: 'no',
        reason: 'Not yet',
        supersededAt: expect.stringMatching(/Z$/),
      }),
      expect.objectContaining({ choice: 'yes', supersededAt: null }),
    ]);
    await api(t, voters[0]!.rep.token)
      .get(`/api/workspaces/${wid}/proposals/${crypto.randomUUID()}`)
      .expect(404);
  });

  it('policy and weight changes do not change an open proposal', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 3, weights: [1, 1, 1] });
    await setPolicy(t, coordinator, wid, 'core', {
      rule: 'weighted',
      quorum: 1,
      supportThreshold: 0.5,
    });
    const p = await propose(t, coordinator, wid);
    expect(p.policy).toMatchObject({ rule: 'weighted', quorum: 1 });
    await setPolicy(t, coordinator, wid, 'core', { rule: 'consensus' });
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${wid}/partners/${voters[0]!.partner.id}`, { weight: 10 })
      .expect(200);
    await createPartner(t, coordinator, wid, { tier: 'core' });
    const after = await api(t, voters[1]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'no' })
      .expect(200);
    expect(after.body.policy).toEqual(p.policy);
    expect(after.body.electorate).toEqual(p.electorate);
    expect(after.body.tally).toMatchObject({ noWeight: 1, totalWeight: 3 });
    // Weighted: 1 yes + 1 no, the last voter decides; 2 yes of 3 > 0.5 → accepted once all voted.
    await api(t, voters[0]!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
    const done = await api(t, voters[2]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'yes' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'accepted', outcome: { reason: 'support_reached' } });
  });

  it('weighted closes early once the outcome is certain', async () => {
    const { coordinator, wid, voters } = await network(t, { core: 3, weights: [5, 1, 1] });
    await setPolicy(t, coordinator, wid, 'core', {
      rule: 'weighted',
      quorum: 0.5,
      supportThreshold: 0.5,
    });
    const p = await propose(t, coordinator, wid);
    const r = await api(t, voters[0]!.rep.token)
      .post(votePath(wid, p.id), { choice: 'no' })
      .expect(200);
    expect(r.body).toMatchObject({
      status: 'rejected',
      outcome: { reason: 'support_not_reached' },
    });
    expect(r.body.candidate.status).toBe('rejected');
  });

  it('create: exactly one candidate, one open proposal per candidate, who may propose, fields named', async () => {
    const { coordinator, wid, voters, broad } = await network(t, { core: 2, broad: 1 });
    const path = `/api/workspaces/${wid}/proposals`;
    const outsider = await addMember(t, coordinator, wid, 'member');
    await api(t, outsider.token).post(path, { tier: 'core' }).expect(403);
    const obs = await addMember(t, coordinator, wid, 'observer');
    await api(t, obs.token).post(path, {}).expect(403);
    const broker = await addMember(t, coordinator, wid, 'member', { broker: true });

    const both = await api(t, broker.token)
      .post(path, {
        candidate: { kind: 'organisation', name: 'X', actorType: 'other' },
        candidatePartnerId: broad[0]!.partner.id,
        tier: 'core',
        rationale: 'r',
      })
      .expect(400);
    expect(both.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'candidate',
      'candidatePartnerId',
    ]);
    const bad = await api(t, broker.token)
      .post(path, {
        candidate: { kind: 'robot', name: '', actorType: 'other' },
        tier: 'gold',
        rationale: '',
        closesAt: 'tomorrow',
      })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'candidate.kind',
      'candidate.name',
      'closesAt',
      'rationale',
      'tier',
    ]);
    const past = await api(t, broker.token)
      .post(path, {
        candidatePartnerId: broad[0]!.partner.id,
        tier: 'core',
        rationale: 'r',
        closesAt: '2000-01-01T00:00:00Z',
      })
      .expect(400);
    expect(past.body.details[0].path).toEqual(['closesAt']);
    const unknownPrinciple = await api(t, broker.token)
      .post(path, {
        candidatePartnerId: broad[0]!.partner.id,
        tier: 'core',
        rationale: 'r',
        principleFit: [{ principleId: crypto.randomUUID(), fits: true }],
      })
      .expect(400);
    expect(unknownPrinciple.body.details[0].path).toEqual(['principleFit', 0, 'principleId']);
    const other = await registerUser(t);
    const otherWs = await createWorkspace(t, other);
    const foreign = await createPartner(t, other, otherWs.id);
    const cross = await api(t, broker.token)
      .post(path, { candidatePartnerId: foreign.id, tier: 'core', rationale: 'r' })
      .expect(400);
    expect(cross.body.details[0].path).toEqual(['candidatePartnerId']);
    // An active core partner, or a broad one for broad: 409.
    await api(t, broker.token)
      .post(path, { candidatePartnerId: voters[0]!.partner.id, tier: 'core', rationale: 'r' })
      .expect(409);
    await api(t, broker.token)
      .post(path, { candidatePartnerId: broad[0]!.partner.id, tier: 'broad', rationale: 'r' })
      .expect(409);

    const principle = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/principles`, { title: 'Open to all' })
      .expect(201);
    const promote = await propose(t, voters[1]!.rep, wid, {
      candidate: undefined,
      candidatePartnerId: broad[0]!.partner.id,
      principleFit: [{ principleId: principle.body.id, fits: true, note: 'yes' }],
    });
    expect(promote.principleFit).toEqual([
      { principleId: principle.body.id, fits: true, note: 'yes' },
    ]);
    // The candidate is not in its own electorate.
    expect(promote.electorate.map((m) => m.partnerId)).not.toContain(broad[0]!.partner.id);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        api(t, broker.token).post(path, {
          candidatePartnerId: broad[0]!.partner.id,
          tier: 'core',
          rationale: 'again',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([409, 409, 409]);
    // Withdrawn: a broad partner proposed for core keeps its status.
    await api(t, outsider.token).post(`${path}/${promote.id}/withdraw`).expect(403);
    const w = await api(t, voters[1]!.rep.token).post(`${path}/${promote.id}/withdraw`).expect(200);
    expect(w.body).toMatchObject({
      status: 'withdrawn',
      outcome: { status: 'withdrawn', reason: 'withdrawn', decidedBy: voters[1]!.rep.id },
    });
    expect(w.body.candidate).toMatchObject({ status: 'active', tier: 'broad' });
    await api(t, coordinator.token).post(`${path}/${promote.id}/withdraw`).expect(409);
    // Now it may be proposed again.
    await propose(t, broker, wid, {
      candidate: undefined,
      candidatePartnerId: broad[0]!.partner.id,
    });
  });

  it('an electorate without weight cannot open (409)', async () => {
    const { coordinator, wid } = await network(t, { core: 1, weights: [0] });
    const res = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals`, {
        candidate: { kind: 'individual', name: 'Ann', actorType: 'citizen' },
        tier: 'broad',
        rationale: 'r',
      })
      .expect(409);
    expect(res.body.code).toBe('INVALID_STATE');
    const none = await api(t, coordinator.token)
      .get(`/api/workspaces/${wid}/partners?status=candidate`)
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('autonomous: advice during the consultation, then a decider decides; others cannot', async () => {
    const { coordinator, wid, voters } = await network(t, {
      core: 2,
      stage: 'dynamic_experimentation',
    });
    await setPolicy(t, coordinator, wid, 'broad', {
      rule: 'autonomous',
      deciders: [voters[0]!.partner.id],
      consultationHours: 1,
      votingHours: 48,
    });
    const p = await propose(t, voters[1]!.rep, wid, { tier: 'broad' });
    expect(p.policy.rule).toBe('autonomous');
    expect(Date.parse(p.consultationEndsAt!) - Date.parse(p.closesAt)).toBeLessThan(0);
    const path = `/api/workspaces/${wid}/proposals/${p.id}`;
    await api(t, voters[1]!.rep.token).post(`${path}/votes`, { choice: 'yes' }).expect(409);
    const observer = await addMember(t, coordinator, wid, 'observer');
    await api(t, observer.token).post(`${path}/advice`, { text: 'hm' }).expect(403);
    const empty = await api(t, voters[1]!.rep.token)
      .post(`${path}/advice`, { text: '  ' })
      .expect(400);
    expect(empty.body.details[0].path).toEqual(['text']);
    const plain = await addMember(t, coordinator, wid, 'member');
    const advised = await api(t, plain.token)
      .post(`${path}/advice`, { text: 'Good fit' })
      .expect(200);
    expect(advised.body.advice).toEqual([
      expect.objectContaining({ text: 'Good fit', authorId: plain.id, partnerId: null }),
    ]);
    // Deciding during the consultation: 409; a non-decider: 403 (before the body is checked).
    await api(t, voters[0]!.rep.token)
      .post(`${path}/decide`, { outcome: 'accepted', rationale: 'ok' })
      .expect(409);
    await api(t, voters[1]!.rep.token).post(`${path}/decide`, { outcome: 'nope' }).expect(403);
    await api(t, coordinator.token)
      .post(`${path}/decide`, { outcome: 'accepted', rationale: 'ok' })
      .expect(403);
    // End the consultation.
    await sql(
      `UPDATE proposals SET "consultationEndsAt" = now() - interval '1 minute' WHERE id = $1`,
      [p.id],
    );
    await api(t, plain.token).post(`${path}/advice`, { text: 'late' }).expect(409);
    const bad = await api(t, voters[0]!.rep.token)
      .post(`${path}/decide`, { outcome: 'maybe' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'outcome',
      'rationale',
    ]);
    const decided = await api(t, voters[0]!.rep.token)
      .post(`${path}/decide`, { outcome: 'accepted', rationale: 'Fits the park' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'accepted',
      outcome: {
        status: 'accepted',
        reason: 'decided',
        decidedBy: voters[0]!.rep.id,
        decidedByPartnerId: voters[0]!.partner.id,
        rationale: 'Fits the park',
      },
      candidate: { status: 'active', tier: 'broad' },
    });
  });

  it('autonomous without deciders: a coordinator decides; a rejection rejects the inline candidate', async () => {
    const { coordinator, wid, voters } = await network(t, {
      core: 1,
      stage: 'catalysing_initiating',
    });
    const p = await propose(t, voters[0]!.rep, wid, {
      tier: 'broad',
      closesAt: new Date(Date.now() + 72 * 3600_000).toISOString(),
    });
    expect(p.policy).toMatchObject({ rule: 'autonomous', deciders: [] });
    await sql(
      `UPDATE proposals SET "consultationEndsAt" = now() - interval '1 minute' WHERE id = $1`,
      [p.id],
    );
    const path = `/api/workspaces/${wid}/proposals/${p.id}`;
    await api(t, voters[0]!.rep.token)
      .post(`${path}/decide`, { outcome: 'accepted', rationale: 'x' })
      .expect(403);
    const r = await api(t, coordinator.token)
      .post(`${path}/decide`, { outcome: 'rejected', rationale: 'Not now' })
      .expect(200);
    expect(r.body).toMatchObject({
      status: 'rejected',
      outcome: { decidedByPartnerId: null },
      candidate: { status: 'rejected' },
    });
    const within = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals`, {
        candidate: { kind: 'individual', name: 'B', actorType: 'citizen' },
        tier: 'broad',
        rationale: 'r',
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
      })
      .expect(400);
    expect(within.body.details[0].path).toEqual(['closesAt']);
  });

  it('lists open proposals first, then newest, with ?status= and pagination', async () => {
    const { coordinator, wid } = await network(t, { core: 1 });
    const a = await propose(t, coordinator, wid, {
      candidate: { kind: 'individual', name: 'A', actorType: 'citizen' },
    });
    const b = await propose(t, coordinator, wid, {
      candidate: { kind: 'individual', name: 'B', actorType: 'citizen' },
    });
    const c = await propose(t, coordinator, wid, {
      candidate: { kind: 'individual', name: 'C', actorType: 'citizen' },
    });
    await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/proposals/${c.id}/withdraw`)
      .expect(200);
    const path = `/api/workspaces/${wid}/proposals`;
    const page1 = await api(t, coordinator.token).get(`${path}?limit=2`).expect(200);
    expect(page1.body.items.map((p: ProposalDto) => p.id)).toEqual([b.id, a.id]);
    const page2 = await api(t, coordinator.token)
      .get(`${path}?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toMatchObject({
      items: [expect.objectContaining({ id: c.id, status: 'withdrawn' })],
      nextCursor: null,
    });
    const open = await api(t, coordinator.token).get(`${path}?status=open`).expect(200);
    expect(open.body.items).toHaveLength(2);
    await api(t, coordinator.token).get(`${path}?status=pending`).expect(400);
    await api(t, coordinator.token).get(`${path}?cursor=zzz`).expect(400);
  });
});
