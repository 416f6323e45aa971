import type { PendingVoteDto, ProposalDto } from '@coalesce/shared';
import { eventually, network, propose, votePath } from '../../../test/decisions';
import { addMember, api, type TestUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { NotificationsListener } from '../notifications/notifications.listener';
import { VoteRemindersService } from '../notifications/vote-reminders.service';

/**
 * Issue 16: delegated votes between partners, and around a proposal (statement, reminder by
 * hand, extension, "needs your vote"), over HTTP on PostgreSQL.
 */

const delegationPath = (wid: string, pid: string) =>
  `/api/workspaces/${wid}/partners/${pid}/delegation`;
const proposalPath = (wid: string, id: string) => `/api/workspaces/${wid}/proposals/${id}`;

async function notificationsOf(t: TestApp, user: TestUser, proposalId: string) {
  await t.app.get(NotificationsListener).idle();
  const res = await api(t, user.token).get('/api/notifications?limit=200').expect(200);
  return (
    res.body.items as { kind: string; subjectId: string; payload: Record<string, unknown> }[]
  ).filter((n) => n.subjectId === proposalId);
}

async function activityTypes(t: TestApp, user: TestUser, wid: string, n = 5) {
  const log = await api(t, user.token)
    .get(`/api/workspaces/${wid}/activity?limit=${n}`)
    .expect(200);
  return log.body.items as {
    type: string;
    actorId: string | null;
    payload: Record<string, unknown>;
  }[];
}

describe('delegated votes and proposal follow-up (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No background sweeps: the reminder ticks below are the test's own.
    t = await startTestApp({ DEADLINE_POLL_MS: '3600000' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('PUT/DELETE …/partners/:pid/delegation', () => {
    it('a representative sets and revokes; shown on the partner and the list; events logged', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b, c] = voters;
      const set = await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      expect(set.body.delegation).toEqual({
        toPartnerId: b!.partner.id,
        setBy: a!.rep.id,
        setAt: expect.stringMatching(/Z$/),
      });
      const list = await api(t, c!.rep.token).get(`/api/workspaces/${wid}/partners`).expect(200);
      const byId = new Map(
        (list.body.items as { id: string; delegation: unknown }[]).map((p) => [p.id, p]),
      );
      expect(byId.get(a!.partner.id)!.delegation).toMatchObject({ toPartnerId: b!.partner.id });
      expect(byId.get(b!.partner.id)!.delegation).toBeNull();
      // A coordinator replaces it: one standing delegation per partner.
      const replaced = await api(t, coordinator.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: c!.partner.id })
        .expect(200);
      expect(replaced.body.delegation).toMatchObject({ toPartnerId: c!.partner.id });
      let log = await activityTypes(t, coordinator, wid, 2);
      expect(log.map((e) => e.type)).toEqual(['delegation.set', 'delegation.set']);
      expect(log[0]!.payload).toMatchObject({
        partnerId: a!.partner.id,
        toPartnerId: c!.partner.id,
        previousToPartnerId: b!.partner.id,
      });
      await api(t, a!.rep.token).delete(delegationPath(wid, a!.partner.id)).expect(204);
      log = await activityTypes(t, coordinator, wid, 1);
      expect(log[0]).toMatchObject({
        type: 'delegation.revoked',
        actorId: a!.rep.id,
        payload: { partnerId: a!.partner.id, toPartnerId: c!.partner.id },
      });
      const after = await api(t, a!.rep.token)
        .get(`/api/workspaces/${wid}/partners/${a!.partner.id}`)
        .expect(200);
      expect(after.body.delegation).toBeNull();
      // Nothing left to revoke.
      await api(t, a!.rep.token).delete(delegationPath(wid, a!.partner.id)).expect(404);
    });

    it('404 unknown partner, 403 others and observers, 400 self/bad/unknown/inactive delegate, 409 inactive delegator', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 2 });
      const [a, b] = voters;
      const observer = await addMember(t, coordinator, wid, 'observer', {
        partnerId: a!.partner.id,
      });
      await api(t, a!.rep.token)
        .put(delegationPath(wid, crypto.randomUUID()), { toPartnerId: b!.partner.id })
        .expect(404);
      await api(t, b!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(403);
      await api(t, observer.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(403);
      await api(t, b!.rep.token).delete(delegationPath(wid, a!.partner.id)).expect(403);
      const self = await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: a!.partner.id })
        .expect(400);
      expect(self.body.details[0]).toMatchObject({
        path: ['toPartnerId'],
        rule: 'delegation_self',
      });
      const bad = await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: 'nope' })
        .expect(400);
      expect(bad.body.details[0].path).toEqual(['toPartnerId']);
      const unknown = await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: crypto.randomUUID() })
        .expect(400);
      expect(unknown.body.details[0].rule).toBe('not_workspace_partner');
      // A candidate (not active) cannot carry votes.
      const p = await propose(t, coordinator, wid);
      const inactive = await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: p.candidatePartnerId })
        .expect(400);
      expect(inactive.body.details[0].rule).toBe('not_active_partner');
      // A partner that left no longer votes: it cannot delegate either.
      await api(t, coordinator.token)
        .post(`/api/workspaces/${wid}/partners/${b!.partner.id}/leave`, { reason: 'moved' })
        .expect(200);
      await api(t, coordinator.token)
        .put(delegationPath(wid, b!.partner.id), { toPartnerId: a!.partner.id })
        .expect(409);
    });
  });

  describe('effective votes', () => {
    it('the delegate votes for both, `via` shows it, a direct vote overrides while open, outcome by effective votes', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b, c] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      // b delegates onward to c: no chains, a does not follow it.
      await api(t, b!.rep.token)
        .put(delegationPath(wid, b!.partner.id), { toPartnerId: c!.partner.id })
        .expect(200);
      const p = await propose(t, coordinator, wid);
      const snap = new Map(p.electorate.map((m) => [m.partnerId, m]));
      expect(snap.get(a!.partner.id)).toMatchObject({ delegateTo: b!.partner.id });
      expect(snap.get(b!.partner.id)).toMatchObject({ delegateTo: c!.partner.id });
      expect(snap.get(c!.partner.id)!.delegateTo).toBeUndefined();

      const r1 = await api(t, b!.rep.token)
        .post(votePath(wid, p.id), { choice: 'yes' })
        .expect(200);
      expect(r1.body.tally).toMatchObject({ yes: 2, votedWeight: 2, missing: [c!.partner.id] });
      expect(r1.body.votes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            partnerId: a!.partner.id,
            via: b!.partner.id,
            castBy: b!.rep.id,
          }),
          expect.objectContaining({ partnerId: b!.partner.id, choice: 'yes' }),
        ]),
      );
      expect(
        r1.body.votes.find((v: { partnerId: string }) => v.partnerId === b!.partner.id).via,
      ).toBeUndefined();
      // Needs-your-vote: a has an effective vote, c has none.
      const pendingA = await api(t, a!.rep.token).get('/api/me/pending-votes').expect(200);
      expect(pendingA.body.items).toEqual([]);
      const pendingC = await api(t, c!.rep.token).get('/api/me/pending-votes').expect(200);
      expect(pendingC.body.items).toEqual([
        {
          workspaceId: wid,
          workspaceName: expect.any(String),
          proposalId: p.id,
          partnerId: c!.partner.id,
          candidateName: 'Labiomista',
          tier: 'core',
          closesAt: p.closesAt,
        } satisfies PendingVoteDto,
      ]);

      // a overrides with its own vote.
      const r2 = await api(t, a!.rep.token)
        .post(votePath(wid, p.id), { choice: 'no', reason: 'Not like this' })
        .expect(200);
      expect(r2.body.tally).toMatchObject({ yes: 1, no: 1, votedWeight: 2 });
      const aVote = r2.body.votes.find((v: { partnerId: string }) => v.partnerId === a!.partner.id);
      expect(aVote).toMatchObject({ choice: 'no', castBy: a!.rep.id });
      expect(aVote.via).toBeUndefined();
      // a changes its mind back; c's vote completes the electorate: consensus closes, once.
      await api(t, a!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
      const last = await api(t, c!.rep.token)
        .post(votePath(wid, p.id), { choice: 'yes' })
        .expect(200);
      expect(last.body).toMatchObject({
        status: 'accepted',
        outcome: { reason: 'unanimous' },
        tally: { yes: 3, votedWeight: 3, missing: [] },
      });
    });

    it('consensus closes when a delegate’s vote completes the electorate ("everyone has voted")', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 2 });
      const [a, b] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      const p = await propose(t, coordinator, wid);
      const closed = await api(t, b!.rep.token)
        .post(votePath(wid, p.id), { choice: 'yes' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'accepted', tally: { yes: 2, missing: [] } });
      await t.app.get(NotificationsListener).idle();
      // a's representative hears the outcome: its partner voted through b.
      const kinds = (await notificationsOf(t, a!.rep, p.id)).map((n) => n.kind).sort();
      expect(kinds).toEqual(['proposal_outcome', 'vote_needed']);
    });

    it('a delegate outside the electorate is not recorded', async () => {
      const { coordinator, wid, voters, broad } = await network(t, { core: 2, broad: 1 });
      await api(t, voters[0]!.rep.token)
        .put(delegationPath(wid, voters[0]!.partner.id), { toPartnerId: broad[0]!.partner.id })
        .expect(200);
      const p = await propose(t, coordinator, wid);
      expect(p.electorate.every((m) => m.delegateTo === undefined)).toBe(true);
    });

    it('race: a delegator’s direct vote and its delegate’s vote at once give one effective vote', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      for (let round = 0; round < 4; round++) {
        const p = await propose(t, coordinator, wid, {
          candidate: { kind: 'organisation', name: `Race ${round}`, actorType: 'education' },
        });
        const [ra, rb] = await Promise.all([
          api(t, a!.rep.token).post(votePath(wid, p.id), { choice: 'no', reason: 'mine' }),
          api(t, b!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }),
        ]);
        expect([ra.status, rb.status]).toEqual([200, 200]);
        const final = (await api(t, coordinator.token).get(proposalPath(wid, p.id)).expect(200))
          .body as ProposalDto;
        const forA = final.votes.filter((v) => v.partnerId === a!.partner.id);
        expect(forA).toHaveLength(1);
        expect(forA[0]).toMatchObject({ choice: 'no', castBy: a!.rep.id });
        expect(forA[0]!.via).toBeUndefined();
        expect(final.tally).toMatchObject({ yes: 1, no: 1, votedWeight: 2 });
        expect(final.tally.yes + final.tally.no + final.tally.abstain).toBe(2);
        await api(t, coordinator.token)
          .post(`${proposalPath(wid, p.id)}/withdraw`)
          .expect(200);
      }
    });
  });

  describe('POST …/proposals/:id/statement', () => {
    it('after closing the proposer writes a statement; voters and the electorate are notified', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b, c] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      const p = await propose(t, c!.rep, wid);
      const path = `${proposalPath(wid, p.id)}/statement`;
      // Still open: 409; not the proposer: 403 (before the body is looked at); empty: 400.
      await api(t, c!.rep.token).post(path, { text: 'Too early' }).expect(409);
      await api(t, b!.rep.token).post(path, { text: 'Mine' }).expect(403);
      await api(t, b!.rep.token).post(path, {}).expect(403);
      await api(t, b!.rep.token)
        .post(`/api/workspaces/${wid}/proposals/${crypto.randomUUID()}/statement`, { text: 'x' })
        .expect(404);
      await api(t, b!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
      await api(t, c!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
      const empty = await api(t, c!.rep.token).post(path, { text: '  ' }).expect(400);
      expect(empty.body.details[0].path).toEqual(['text']);
      const res = await api(t, c!.rep.token)
        .post(path, { text: 'Welcome, Labiomista! First meeting on the 12th.' })
        .expect(200);
      expect(res.body.outcome).toMatchObject({
        status: 'accepted',
        statement: {
          text: 'Welcome, Labiomista! First meeting on the 12th.',
          by: c!.rep.id,
          at: expect.stringMatching(/Z$/),
        },
      });
      const [event] = await activityTypes(t, coordinator, wid, 1);
      expect(event).toMatchObject({ type: 'proposal.statement_added', actorId: c!.rep.id });
      for (const user of [a!.rep, b!.rep]) {
        const statement = (await notificationsOf(t, user, p.id)).filter(
          (n) => n.kind === 'proposal_statement',
        );
        expect(statement).toHaveLength(1);
        expect(statement[0]!.payload).toMatchObject({ text: expect.stringContaining('Welcome') });
      }
      // The author does not hear of their own act.
      expect(
        (await notificationsOf(t, c!.rep, p.id)).filter((n) => n.kind === 'proposal_statement'),
      ).toEqual([]);
      // A coordinator may write one too (it replaces the earlier one).
      const again = await api(t, coordinator.token).post(path, { text: 'Updated' }).expect(200);
      expect(again.body.outcome.statement).toMatchObject({ text: 'Updated', by: coordinator.id });
    });
  });

  describe('POST …/proposals/:id/remind', () => {
    it('reminds the partners without an effective vote; at most once an hour (429 + Retry-After)', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b, c] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      const p = await propose(t, c!.rep, wid);
      const path = `${proposalPath(wid, p.id)}/remind`;
      await api(t, a!.rep.token).post(path).expect(403);
      await api(t, c!.rep.token)
        .post(`/api/workspaces/${wid}/proposals/${crypto.randomUUID()}/remind`)
        .expect(404);
      await api(t, b!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
      const res = await api(t, coordinator.token).post(path).expect(200);
      expect(res.body.remindedAt).toEqual(expect.stringMatching(/Z$/));
      expect(Date.parse(res.body.remindAllowedAt) - Date.parse(res.body.remindedAt)).toBe(
        3_600_000,
      );
      const [event] = await activityTypes(t, coordinator, wid, 1);
      expect(event).toMatchObject({
        type: 'proposal.reminded',
        payload: { partnerIds: [c!.partner.id] },
      });
      // Only c lacks an effective vote (a votes through b).
      expect((await notificationsOf(t, a!.rep, p.id)).map((n) => n.kind)).not.toContain(
        'vote_reminder',
      );
      expect((await notificationsOf(t, b!.rep, p.id)).map((n) => n.kind)).not.toContain(
        'vote_reminder',
      );
      expect((await notificationsOf(t, c!.rep, p.id)).map((n) => n.kind)).toContain(
        'vote_reminder',
      );
      const again = await api(t, c!.rep.token).post(path).expect(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(3500);
      expect(again.body.code).toBe('RATE_LIMITED');
      // Closed: 409.
      await api(t, coordinator.token)
        .post(`${proposalPath(wid, p.id)}/withdraw`)
        .expect(200);
      await api(t, coordinator.token).post(path).expect(409);
    });
  });

  describe('scheduled vote reminders', () => {
    it('skip a partner whose delegate has voted: it has an effective vote', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 3 });
      const [a, b, c] = voters;
      await api(t, a!.rep.token)
        .put(delegationPath(wid, a!.partner.id), { toPartnerId: b!.partner.id })
        .expect(200);
      const p = await propose(t, coordinator, wid, {
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await api(t, b!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
      // Only c is due a reminder (a votes through b, b voted itself).
      expect(await t.app.get(VoteRemindersService).tick(new Date())).toBe(1);
      await t.app.get(NotificationsListener).idle();
      const kinds = async (u: TestUser) =>
        (await notificationsOf(t, u, p.id)).map((n) => n.kind).filter((k) => k === 'vote_reminder');
      expect(await kinds(c!.rep)).toEqual(['vote_reminder']);
      expect(await kinds(a!.rep)).toEqual([]);
    });
  });

  describe('PATCH …/proposals/:id {closesAt}', () => {
    it('a coordinator extends an open proposal; 403/400/409; reminders follow the new deadline', async () => {
      const { coordinator, wid, voters } = await network(t, { core: 2 });
      const soon = new Date(Date.now() + 3_600_000);
      const p = await propose(t, coordinator, wid, { closesAt: soon.toISOString() });
      const reminders = t.app.get(VoteRemindersService);
      // Due now (within REMINDER_LEAD_HOURS of the deadline): both partners are reminded.
      expect(await reminders.tick(new Date())).toBeGreaterThanOrEqual(2);
      expect(await reminders.tick(new Date())).toBe(0);

      const path = proposalPath(wid, p.id);
      await api(t, voters[0]!.rep.token)
        .patch(path, { closesAt: '2099-01-01T00:00:00Z' })
        .expect(403);
      const bad = await api(t, coordinator.token).patch(path, { closesAt: 'tomorrow' }).expect(400);
      expect(bad.body.details[0].path).toEqual(['closesAt']);
      const earlier = await api(t, coordinator.token)
        .patch(path, { closesAt: new Date(soon.getTime() - 60_000).toISOString() })
        .expect(400);
      expect(earlier.body.details[0]).toMatchObject({
        path: ['closesAt'],
        rule: 'closes_at_not_later',
      });
      await api(t, coordinator.token)
        .patch(`/api/workspaces/${wid}/proposals/${crypto.randomUUID()}`, {
          closesAt: '2099-01-01T00:00:00Z',
        })
        .expect(404);

      const later = new Date(Date.now() + 3 * 24 * 3_600_000);
      const res = await api(t, coordinator.token)
        .patch(path, { closesAt: later.toISOString() })
        .expect(200);
      expect(res.body.closesAt).toBe(later.toISOString());
      const [event] = await activityTypes(t, coordinator, wid, 1);
      expect(event).toMatchObject({
        type: 'proposal.extended',
        payload: { from: p.closesAt, to: later.toISOString() },
      });
      // Not due now any more; due again a little before the new deadline.
      expect(await reminders.tick(new Date())).toBe(0);
      expect(await reminders.tick(new Date(later.getTime() - 3_600_000))).toBe(2);
      await eventually(async () =>
        (await notificationsOf(t, voters[0]!.rep, p.id)).filter((n) => n.kind === 'vote_reminder')
          .length === 2
          ? true
          : undefined,
      );

      await api(t, coordinator.token).post(`${path}/withdraw`).expect(200);
      await api(t, coordinator.token)
        .patch(path, { closesAt: new Date(later.getTime() + 3_600_000).toISOString() })
        .expect(409);
    });
  });

  describe('GET /api/me/pending-votes', () => {
    it('lists open proposals across my networks without my partner’s vote, soonest first', async () => {
      const one = await network(t, { core: 2 });
      const two = await network(t, { core: 2 });
      // The same person represents a partner in both networks.
      const me = one.voters[0]!.rep;
      const invite = await api(t, two.coordinator.token)
        .post(`/api/workspaces/${two.wid}/invitations`, {
          email: me.email,
          role: 'member',
          partnerId: two.voters[1]!.partner.id,
        })
        .expect(201);
      await api(t, me.token).post(`/api/invitations/${invite.body.token}/accept`).expect(200);
      const p1 = await propose(t, one.coordinator, one.wid, {
        closesAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      });
      const p2 = await propose(t, two.coordinator, two.wid, {
        closesAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      });
      const res = await api(t, me.token).get('/api/me/pending-votes').expect(200);
      expect((res.body.items as PendingVoteDto[]).map((i) => i.proposalId)).toEqual([p2.id, p1.id]);
      await api(t, me.token).post(votePath(two.wid, p2.id), { choice: 'yes' }).expect(200);
      const after = await api(t, me.token).get('/api/me/pending-votes').expect(200);
      expect((after.body.items as PendingVoteDto[]).map((i) => i.proposalId)).toEqual([p1.id]);
      await api(t).get('/api/me/pending-votes').expect(401);
    });
  });
});
