import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import { createProposalSchema, type Stage } from '@coalesce/shared';
import { ActivityService, type RecordEventInput } from '../activity/activity.service';
import { MembersService } from '../members/members.service';
import { PartnersService } from '../partners/partners.service';
import { ProposalsService } from '../proposals/proposals.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsListener } from './notifications.listener';
import { NotificationsService } from './notifications.service';
import { VoteRemindersService } from './vote-reminders.service';

/**
 * A workspace with core partners P1 (two representatives), P2 (one), P3 (none) and a broker:
 * real partners (members may only be linked to partners of their workspace).
 */
async function network(ctx: TestingModule, stage?: Stage) {
  const users = ctx.get(UsersService);
  const ds = ctx.get(DataSource);
  const user = (name: string) =>
    users.create({ email: uniqueEmail(name), passwordHash: 'x', displayName: name });
  const owner = await user('owner');
  const w = await ctx
    .get(WorkspacesService)
    .create(owner.id, { name: 'Labiomista', ...(stage ? { stage } : {}) });
  const partner = (name: string) =>
    ds.transaction(async (m) => {
      const p = await ctx.get(PartnersService).insert(
        m,
        w.id,
        {
          kind: 'organisation',
          name,
          actorType: 'education',
          tier: 'core',
          motivations: [],
          contributions: { expertise: [], targetGroups: [], resources: [] },
        },
        'active',
        owner.id,
      );
      return p.id;
    });
  const p1 = await partner('P1');
  const p2 = await partner('P2');
  const p3 = await partner('P3');
  const reps = {
    u1: await user('u1'),
    u1b: await user('u1b'),
    u2: await user('u2'),
    broker: await user('broker'),
  };
  await ds.transaction(async (m) => {
    const add = (userId: string, partnerId: string | null, broker = false) =>
      ctx.get(MembersService).add(m, {
        workspaceId: w.id,
        userId,
        role: 'member',
        partnerId,
        broker,
        actorId: owner.id,
        via: 'invitation',
      });
    await add(reps.u1.id, p1);
    await add(reps.u1b.id, p1);
    await add(reps.u2.id, p2);
    await add(reps.broker.id, null, true);
  });
  return { w, owner, p1, p2, p3, ...reps };
}

describe('notification derivation against the contract events (PostgreSQL)', () => {
  let ctx: TestingModule;
  let ds: DataSource;
  beforeAll(async () => {
    ctx = await startIntContext();
    ds = ctx.get(DataSource);
  });
  afterAll(() => ctx.close());

  const record = async (input: RecordEventInput) => {
    const e = await ctx.get(ActivityService).record(ds.manager, input);
    await new Promise((r) => setImmediate(r));
    await ctx.get(NotificationsListener).idle();
    return e;
  };
  const inbox = async (userId: string) =>
    (await ctx.get(NotificationsService).list(userId, { limit: 200 })).items;

  it('proposals: vote_needed for the electorate, proposal_outcome for proposer and voters', async () => {
    const n = await network(ctx);
    const proposalId = randomUUID();
    const opened = await record({
      workspaceId: n.w.id,
      type: 'proposal.opened',
      actorId: n.u2.id,
      subjectType: 'proposal',
      subjectId: proposalId,
      payload: {
        electorate: [
          { partnerId: n.p1, weight: 1 },
          { partnerId: n.p2, weight: 1 },
          { partnerId: n.p3, weight: 1 },
        ],
        closesAt: '2030-01-01T00:00:00.000Z',
        tier: 'broad',
        candidateName: 'Buurtwerk',
      },
    });
    for (const u of [n.u1, n.u1b]) {
      expect(await inbox(u.id)).toEqual([
        expect.objectContaining({
          kind: 'vote_needed',
          subjectId: proposalId,
          eventId: opened.id,
          payload: expect.objectContaining({
            candidateName: 'Buurtwerk',
            workspaceName: 'Labiomista',
            actorName: 'u2',
          }),
        }),
      ]);
    }
    // The proposer is in the electorate but is not asked about their own proposal.
    expect(await inbox(n.u2.id)).toEqual([]);
    expect(await inbox(n.broker.id)).toEqual([]);

    await record({
      workspaceId: n.w.id,
      type: 'vote.cast',
      actorId: n.u1.id,
      subjectType: 'proposal',
      subjectId: proposalId,
      payload: { partnerId: n.p1, choice: 'yes' },
    });
    await record({
      workspaceId: n.w.id,
      type: 'proposal.closed',
      actorId: null,
      subjectType: 'proposal',
      subjectId: proposalId,
      payload: { status: 'accepted', candidateName: 'Buurtwerk' },
    });
    const outcomeOf = async (userId: string) =>
      (await inbox(userId)).filter((x) => x.kind === 'proposal_outcome');
    for (const u of [n.u1, n.u1b, n.u2]) {
      expect(await outcomeOf(u.id)).toEqual([
        expect.objectContaining({ payload: expect.objectContaining({ status: 'accepted' }) }),
      ]);
    }
    expect(await outcomeOf(n.broker.id)).toEqual([]);
    expect(await outcomeOf(n.owner.id)).toEqual([]);
  });

  it('an event derived twice creates each notification once', async () => {
    const n = await network(ctx);
    const e = await record({
      workspaceId: n.w.id,
      type: 'connection.proposed',
      actorId: n.broker.id,
      subjectType: 'connection',
      subjectId: randomUUID(),
      payload: { fromPartnerId: n.p1, toPartnerId: n.p2, reason: 'same target group' },
    });
    await ctx.get(NotificationsListener).handle(e);
    for (const u of [n.u1, n.u1b, n.u2]) {
      expect((await inbox(u.id)).map((x) => x.kind)).toEqual(['connection_proposed']);
    }
    expect(await inbox(n.broker.id)).toEqual([]);
  });

  it('connections: the response goes to the proposing broker, found in the log', async () => {
    const n = await network(ctx);
    const connectionId = randomUUID();
    await record({
      workspaceId: n.w.id,
      type: 'connection.proposed',
      actorId: n.broker.id,
      subjectType: 'connection',
      subjectId: connectionId,
      payload: { fromPartnerId: n.p1, toPartnerId: n.p2 },
    });
    await record({
      workspaceId: n.w.id,
      type: 'connection.responded',
      actorId: n.u2.id,
      subjectType: 'connection',
      subjectId: connectionId,
      payload: { partnerId: n.p2, accept: true },
    });
    expect(await inbox(n.broker.id)).toEqual([
      expect.objectContaining({
        kind: 'connection_response',
        subjectId: connectionId,
        payload: expect.objectContaining({ partnerId: n.p2, accept: true, actorName: 'u2' }),
      }),
    ]);
  });

  it('experiments: a status change notifies the representatives of its partners', async () => {
    const n = await network(ctx);
    await record({
      workspaceId: n.w.id,
      type: 'experiment.status_changed',
      actorId: n.u1.id,
      subjectType: 'experiment',
      subjectId: randomUUID(),
      partnerIds: [n.p1, n.p2],
      payload: { from: 'preparing', to: 'running', title: 'Speelstraat' },
    });
    expect((await inbox(n.u1b.id)).map((x) => x.kind)).toEqual(['experiment_status']);
    expect((await inbox(n.u2.id)).map((x) => x.kind)).toEqual(['experiment_status']);
    expect(await inbox(n.u1.id)).toEqual([]);
    expect(await inbox(n.broker.id)).toEqual([]);
  });
});

describe('vote reminders on real proposals: exactly once (PostgreSQL)', () => {
  // The proposals close far in the future and every tick is given a simulated `now` just
  // before them: the reminder schedulers of the other apps sharing this database (they tick
  // at the real time) never find these proposals due, so each tick's count is ours alone.
  const T = Date.now() + 20_000 * 3600_000;
  const at = (h: number) => new Date(T + h * 3600_000);
  const env = { REMINDER_LEAD_HOURS: '24' };
  let a: TestingModule;
  let b: TestingModule;
  beforeAll(async () => {
    [a, b] = await Promise.all([startIntContext(env), startIntContext(env)]);
  });
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  type Net = Awaited<ReturnType<typeof network>>;
  const coordinator = (n: Net) => ({
    workspaceId: n.w.id,
    userId: n.owner.id,
    role: 'coordinator' as const,
    partnerId: null,
    broker: false,
  });
  const rep = (n: Net, userId: string, partnerId: string) => ({
    workspaceId: n.w.id,
    userId,
    role: 'member' as const,
    partnerId,
    broker: false,
  });
  /** A real proposal (inline candidate), opened by the coordinator through the service. */
  const propose = (n: Net, name: string, closesAt: Date, tier: 'core' | 'broad' = 'core') =>
    a.get(ProposalsService).create(
      coordinator(n),
      createProposalSchema.parse({
        candidate: { kind: 'organisation', name, actorType: 'sports' },
        tier,
        rationale: 'They run the park',
        closesAt: closesAt.toISOString(),
      }),
    );
  const reminders = (workspaceId: string) =>
    a.get(DataSource).query(
      `SELECT "userId", "subjectId", payload FROM notifications
          WHERE "workspaceId" = $1 AND kind = 'vote_reminder' ORDER BY "subjectId", "userId"`,
      [workspaceId],
    ) as Promise<{ userId: string; subjectId: string; payload: Record<string, unknown> }[]>;
  const remindedPartners = async (proposalId: string) =>
    (
      (await a
        .get(DataSource)
        .query('SELECT "partnerId" FROM vote_reminders WHERE "proposalId" = $1', [proposalId])) as {
        partnerId: string;
      }[]
    )
      .map((r) => r.partnerId)
      .sort();
  const tickBoth = (now: Date) =>
    Promise.all([a.get(VoteRemindersService).tick(now), b.get(VoteRemindersService).tick(now)]);
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);

  it('reminds each electorate partner without a current vote once: two instances, a restart', async () => {
    const n = await network(a);
    const due = await propose(n, 'Sportclub', at(18));
    const later = await propose(n, 'Bibliotheek', at(30)); // due only from at(6) on
    expect(due.electorate.map((e) => e.partnerId).sort()).toEqual([n.p1, n.p2, n.p3].sort());
    // P2 votes and then replaces its vote: one current vote (and a superseded one in the
    // history), so P2 is not reminded.
    await a.get(ProposalsService).vote(rep(n, n.u2.id, n.p2), due.id, { choice: 'abstain' });
    const voted = await a
      .get(ProposalsService)
      .vote(rep(n, n.u2.id, n.p2), due.id, { choice: 'yes' });
    expect(voted.voteHistory).toHaveLength(2);
    expect(voted.status).toBe('open');

    // Two instances at once: P1 and P3 (P3 has no representative; its reminder is recorded).
    expect(sum(await tickBoth(at(0)))).toBe(2);
    expect(await remindedPartners(due.id)).toEqual([n.p1, n.p3].sort());
    const rows = await reminders(n.w.id);
    expect(rows.map((r) => r.userId).sort()).toEqual([n.u1.id, n.u1b.id].sort());
    expect(rows[0]).toMatchObject({
      subjectId: due.id,
      payload: {
        proposalId: due.id,
        partnerId: n.p1,
        closesAt: due.closesAt,
        candidateName: 'Sportclub',
        tier: 'core',
        workspaceName: 'Labiomista',
      },
    });

    // Again on both: nothing. Then a restart — stop an instance, start a new one on the same
    // database — and still nothing.
    expect(await tickBoth(at(1))).toEqual([0, 0]);
    await b.close();
    b = await startIntContext(env);
    expect(await b.get(VoteRemindersService).tick(at(2))).toBe(0);
    expect(await reminders(n.w.id)).toHaveLength(2);

    // Later the other proposal is due: all three partners (nobody voted), once.
    expect(sum(await tickBoth(at(10)))).toBe(3);
    expect(await tickBoth(at(11))).toEqual([0, 0]);
    expect(await remindedPartners(later.id)).toEqual([n.p1, n.p2, n.p3].sort());
    expect(
      (await reminders(n.w.id)).filter((r) => r.subjectId === later.id).map((r) => r.userId),
    ).toEqual([n.u1.id, n.u1b.id, n.u2.id].sort());
    expect(await reminders(n.w.id)).toHaveLength(5);
  });

  it('autonomous proposals (decided, not voted on) and closed ones get no reminder', async () => {
    // From the second stage on, broad proposals are autonomous by default.
    const n = await network(a, 'catalysing_initiating');
    const autonomous = await propose(n, 'Jeugdhuis', at(18), 'broad');
    expect(autonomous.policy.rule).toBe('autonomous');
    const withdrawn = await propose(n, 'Theater', at(18));
    await a.get(ProposalsService).withdraw(coordinator(n), withdrawn.id);
    expect(await tickBoth(at(0))).toEqual([0, 0]);
    expect(await reminders(n.w.id)).toEqual([]);
    expect(await remindedPartners(autonomous.id)).toEqual([]);
  });

  it('a failed transaction sends nothing and records nothing; the next tick does', async () => {
    const n = await network(a);
    const due = await propose(n, 'Buurthuis', at(20));
    await a.get(ProposalsService).vote(rep(n, n.u1.id, n.p1), due.id, { choice: 'yes' });
    const service = a.get(VoteRemindersService);
    const spy = jest
      .spyOn(a.get(NotificationsService), 'deliver')
      .mockRejectedValueOnce(new Error('crash mid-transaction'));
    try {
      await expect(service.tick(at(0))).rejects.toThrow('crash mid-transaction');
    } finally {
      spy.mockRestore();
    }
    expect(await remindedPartners(due.id)).toEqual([]);
    expect(await reminders(n.w.id)).toEqual([]);
    expect(await service.tick(at(0))).toBe(2); // P2 and P3
    expect((await reminders(n.w.id)).map((r) => r.userId)).toEqual([n.u2.id]);
  });

  it('many proposals, two instances racing page by page: each representative reminded once per proposal', async () => {
    const n = await network(a);
    const names = ['Atelier', 'Bakkerij', 'Circus', 'Dansschool', 'Erfgoed'];
    const ps: Awaited<ReturnType<typeof propose>>[] = [];
    for (const [i, name] of names.entries()) ps.push(await propose(n, name, at(10 + i)));
    // P2 voted on the first: it owes no vote there.
    await a.get(ProposalsService).vote(rep(n, n.u2.id, n.p2), ps[0]!.id, { choice: 'abstain' });
    // Two proposals per transaction, both instances at once, three rounds.
    const counts = await Promise.all(
      [0, 1, 2].flatMap(() => [
        a.get(VoteRemindersService).tick(at(0), 2),
        b.get(VoteRemindersService).tick(at(0), 2),
      ]),
    );
    expect(sum(counts)).toBe(5 * 3 - 1);
    for (const p of ps) expect(await remindedPartners(p.id)).toHaveLength(p === ps[0] ? 2 : 3);
    const rows = await reminders(n.w.id);
    const perUserAndProposal = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.userId}/${r.subjectId}`;
      perUserAndProposal.set(key, (perUserAndProposal.get(key) ?? 0) + 1);
    }
    expect([...perUserAndProposal.values()].every((c) => c === 1)).toBe(true);
    // u1 and u1b (P1) on all five, u2 (P2) on the four it did not vote on.
    expect(rows).toHaveLength(5 * 2 + 4);
    expect(await tickBoth(at(1))).toEqual([0, 0]);
  });

  it('the proposals module answers who is due: the window, a vote, the extended deadline', async () => {
    const n = await network(a);
    const p = await propose(n, 'Zwembad', at(24));
    const dueAt = (now: Date) =>
      a.get(DataSource).transaction(async (m) => {
        const page = await a
          .get(ProposalsService)
          .dueVoteReminders(m, { now, leadHours: 24, limit: 1000 });
        return page.find((d) => d.proposalId === p.id)?.partnerIds.sort();
      });
    const everyone = [n.p1, n.p2, n.p3].sort();
    expect(await dueAt(new Date(at(0).getTime() - 1))).toBeUndefined();
    expect(await dueAt(at(0))).toEqual(everyone);
    expect(await dueAt(at(24))).toBeUndefined(); // the deadline has come: the sweep closes it
    await a.get(ProposalsService).vote(rep(n, n.u1.id, n.p1), p.id, { choice: 'yes' });
    expect(await dueAt(at(1))).toEqual([n.p2, n.p3].sort());
    // Extended by two days: due again only 24 hours before the new deadline.
    await a.get(ProposalsService).extend(coordinator(n), p.id, { closesAt: at(72).toISOString() });
    expect(await dueAt(at(47))).toBeUndefined();
    expect(await dueAt(at(48))).toEqual([n.p2, n.p3].sort());
  });
});
