import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import { ActivityService, type RecordEventInput } from '../activity/activity.service';
import { MembersService } from '../members/members.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsListener } from './notifications.listener';
import { NotificationsService } from './notifications.service';
import { VoteRemindersService } from './vote-reminders.service';
import { SqlDueReminderSource } from './vote-reminders.repository';

/** A workspace with partners P1 (two representatives), P2 (one), P3 (none) and a broker. */
async function network(ctx: TestingModule) {
  const users = ctx.get(UsersService);
  const ds = ctx.get(DataSource);
  const user = (name: string) =>
    users.create({ email: uniqueEmail(name), passwordHash: 'x', displayName: name });
  const owner = await user('owner');
  const w = await ctx.get(WorkspacesService).create(owner.id, { name: 'Labiomista' });
  const [p1, p2, p3] = [randomUUID(), randomUUID(), randomUUID()];
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

describe('vote reminders: exactly once (PostgreSQL)', () => {
  const schema = `rt_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let a: TestingModule;
  let b: TestingModule;
  let source: SqlDueReminderSource;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startIntContext({ REMINDER_LEAD_HOURS: '24' }),
      startIntContext({ REMINDER_LEAD_HOURS: '24' }),
    ]);
    // The proposals schema the decisions branch will add, as far as reminders read it.
    await a.get(DataSource).query(`
      CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.proposals (id uuid PRIMARY KEY, "workspaceId" uuid NOT NULL,
        status varchar(20) NOT NULL, "closesAt" timestamptz NOT NULL, electorate jsonb NOT NULL);
      CREATE TABLE ${schema}.proposal_votes ("proposalId" uuid NOT NULL, "partnerId" uuid NOT NULL,
        PRIMARY KEY ("proposalId", "partnerId"));`);
    source = new SqlDueReminderSource({
      proposals: `${schema}.proposals`,
      votes: `${schema}.proposal_votes`,
    });
  });
  afterAll(async () => {
    await a.get(DataSource).query(`DROP SCHEMA ${schema} CASCADE`);
    await Promise.all([a.close(), b.close()]);
  });

  const hours = (h: number) => new Date(Date.now() + h * 3600_000);
  async function proposal(
    workspaceId: string,
    status: string,
    closesAt: Date,
    partners: string[],
  ): Promise<string> {
    const id = randomUUID();
    await a
      .get(DataSource)
      .query(`INSERT INTO ${schema}.proposals VALUES ($1, $2, $3, $4, $5)`, [
        id,
        workspaceId,
        status,
        closesAt,
        JSON.stringify(partners.map((partnerId) => ({ partnerId, weight: 1 }))),
      ]);
    return id;
  }
  const reminders = (workspaceId: string) =>
    a.get(DataSource).query(
      `SELECT "userId", "subjectId", payload FROM notifications
          WHERE "workspaceId" = $1 AND kind = 'vote_reminder' ORDER BY "userId"`,
      [workspaceId],
    ) as Promise<{ userId: string; subjectId: string; payload: Record<string, unknown> }[]>;

  it('reminds each electorate partner without a vote once, across instances and restarts', async () => {
    const n = await network(a);
    const due = await proposal(n.w.id, 'open', hours(10), [n.p1, n.p2, n.p3]);
    await a.get(ActivityService).record(a.get(DataSource).manager, {
      workspaceId: n.w.id,
      type: 'proposal.opened',
      actorId: n.owner.id,
      subjectType: 'proposal',
      subjectId: due,
      payload: { candidateName: 'Sportclub', tier: 'core' },
    });
    await a
      .get(DataSource)
      .query(`INSERT INTO ${schema}.proposal_votes VALUES ($1, $2)`, [due, n.p2]);
    await proposal(n.w.id, 'open', hours(48), [n.p1]); // not due yet
    await proposal(n.w.id, 'accepted', hours(10), [n.p1]); // closed
    await proposal(n.w.id, 'open', hours(-1), [n.p1]); // overdue: the closer's job

    const ra = a.get(VoteRemindersService);
    const rb = b.get(VoteRemindersService);
    const sent = await Promise.all([ra.tick(new Date(), source), rb.tick(new Date(), source)]);
    // P1 and P3 had not voted (P3 has no representative, but its reminder is recorded too).
    expect(sent[0]! + sent[1]!).toBe(2);
    const rows = await reminders(n.w.id);
    expect(rows.map((r) => r.userId).sort()).toEqual([n.u1.id, n.u1b.id].sort());
    expect(rows[0]).toMatchObject({
      subjectId: due,
      payload: {
        proposalId: due,
        partnerId: n.p1,
        candidateName: 'Sportclub',
        tier: 'core',
        workspaceName: 'Labiomista',
      },
    });

    // Again, and after a "restart" (a fresh instance): nothing more.
    expect(await ra.tick(new Date(), source)).toBe(0);
    const c = await startIntContext({ REMINDER_LEAD_HOURS: '24' });
    try {
      expect(await c.get(VoteRemindersService).tick(new Date(), source)).toBe(0);
    } finally {
      await c.close();
    }
    expect(await reminders(n.w.id)).toHaveLength(2);

    // 40 hours later the other proposal is due.
    expect(await ra.tick(hours(40), source)).toBe(1);
    expect(await reminders(n.w.id)).toHaveLength(4);
  });

  it('a failed transaction sends nothing and records nothing; the next tick does', async () => {
    const n = await network(a);
    const due = await proposal(n.w.id, 'open', hours(1), [n.p2]);
    const service = a.get(VoteRemindersService);
    const notifications = a.get(NotificationsService);
    const spy = jest
      .spyOn(notifications, 'deliver')
      .mockRejectedValueOnce(new Error('crash mid-transaction'));
    try {
      await expect(service.tick(new Date(), source)).rejects.toThrow('crash mid-transaction');
    } finally {
      spy.mockRestore();
    }
    expect(
      await a.get(DataSource).query('SELECT 1 FROM vote_reminders WHERE "proposalId" = $1', [due]),
    ).toEqual([]);
    expect(await reminders(n.w.id)).toEqual([]);
    expect(await service.tick(new Date(), source)).toBe(1);
    expect((await reminders(n.w.id)).map((r) => r.userId)).toEqual([n.u2.id]);
  });

  it('the default source waits until the proposals tables exist', async () => {
    const ds = a.get(DataSource);
    expect(await new SqlDueReminderSource().ready(ds.manager)).toBe(
      !!(await ds.query(`SELECT to_regclass('proposal_votes') AS t`))[0].t,
    );
    expect(await source.ready(ds.manager)).toBe(true);
    expect(() => new SqlDueReminderSource({ proposals: 'x; DROP TABLE y', votes: 'v' })).toThrow();
  });
});
