import type { ActivityEventDto } from '@coalesce/shared';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import { ActivityService } from '../activity/activity.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsListener } from './notifications.listener';
import { NotificationsScheduler } from './notifications.scheduler';
import { NotificationsService } from './notifications.service';

/** Resolves once `check` holds (checked every 20 ms), or fails after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('notification catch-up from the event log (PostgreSQL, two instances)', () => {
  let a: TestingModule;
  let b: TestingModule;
  /** Per event seq: how many calls of `handle` (either instance, either path) created its notifications. */
  const derivedBy = new Map<number, number>();

  const count = (ctx: TestingModule) => {
    const listener = ctx.get(NotificationsListener);
    const handle = listener.handle.bind(listener);
    jest.spyOn(listener, 'handle').mockImplementation(async (e) => {
      const did = await handle(e);
      if (did) derivedBy.set(e.seq, (derivedBy.get(e.seq) ?? 0) + 1);
      return did;
    });
  };

  beforeAll(async () => {
    // The mark is one row for the whole database, which the other suites' apps share: their
    // rolled-back transactions leave seq holes that hold it for NOTIFICATION_SETTLE_MS.
    const env = { DEADLINE_POLL_MS: '50', NOTIFICATION_SETTLE_MS: '1000' };
    [a, b] = await Promise.all([startIntContext(env), startIntContext(env)]);
    count(a);
    count(b);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('derives, exactly once across two instances, events whose after-commit derivation never ran', async () => {
    const users = a.get(UsersService);
    const owner = await users.create({
      email: uniqueEmail('owner'),
      passwordHash: 'x',
      displayName: 'Owner',
    });
    const w = await a.get(WorkspacesService).create(owner.id, { name: 'Catch-up' });
    const members = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        users.create({ email: uniqueEmail(`m${i}`), passwordHash: 'x', displayName: `M${i}` }),
      ),
    );
    // Instance A "crashes" after each commit: its fast path is gone (as after a SIGKILL).
    await a.get(NotificationsListener).onModuleDestroy();
    const ds = a.get(DataSource);
    const events: ActivityEventDto[] = [];
    for (const m of members) {
      events.push(
        await ds.transaction((manager) =>
          a.get(ActivityService).record(manager, {
            workspaceId: w.id,
            type: 'member.role_changed',
            actorId: owner.id,
            subjectType: 'member',
            subjectId: m.id,
            payload: {
              userId: m.id,
              from: { role: 'member', broker: false },
              to: { role: 'coordinator', broker: false },
            },
          }),
        ),
      );
    }
    // Both instances' pollers run on their own; extra concurrent rounds make them race.
    await Promise.all([
      a.get(NotificationsScheduler).tick(),
      b.get(NotificationsScheduler).tick(),
      a.get(NotificationsScheduler).tick(),
      b.get(NotificationsScheduler).tick(),
    ]);
    const notifications = b.get(NotificationsService);
    await until(
      async () =>
        (await Promise.all(members.map((m) => notifications.list(m.id, { limit: 10 })))).every(
          (p) => p.items.length > 0,
        ),
      'every member to be notified',
    );
    for (const [i, m] of members.entries()) {
      expect((await notifications.list(m.id, { limit: 10 })).items).toEqual([
        expect.objectContaining({
          kind: 'role_changed',
          eventId: events[i]!.id,
          payload: expect.objectContaining({ workspaceName: 'Catch-up', actorName: 'Owner' }),
        }),
      ]);
    }
    // Never twice by these two instances. (Other test files' apps poll the same database and
    // may derive some of them first: the exactly-once check is the one notification above.)
    expect(events.every((e) => (derivedBy.get(e.seq) ?? 0) <= 1)).toBe(true);
    // And the mark moves past them once nothing is left to wait for.
    await until(async () => {
      const [row] = (await ds.query('SELECT seq FROM notification_cursor')) as { seq: string }[];
      return Number(row?.seq) >= events[events.length - 1]!.seq;
    }, 'the mark to pass the events');
  });

  it('the fast path and the catch-up never both derive an event', async () => {
    const users = b.get(UsersService);
    const owner = await users.create({
      email: uniqueEmail('owner2'),
      passwordHash: 'x',
      displayName: 'Owner 2',
    });
    const w = await b.get(WorkspacesService).create(owner.id, { name: 'Fast path' });
    const m = await users.create({ email: uniqueEmail('m'), passwordHash: 'x', displayName: 'M' });
    const ds = b.get(DataSource);
    const e = await ds.transaction((manager) =>
      b.get(ActivityService).record(manager, {
        workspaceId: w.id,
        type: 'member.role_changed',
        actorId: owner.id,
        subjectType: 'member',
        subjectId: m.id,
        payload: { userId: m.id, from: { role: 'member' }, to: { role: 'coordinator' } },
      }),
    );
    await new Promise((r) => setImmediate(r));
    await b.get(NotificationsListener).idle();
    // Later catch-up rounds on both instances see it as done.
    await Promise.all([a.get(NotificationsScheduler).tick(), b.get(NotificationsScheduler).tick()]);
    await Promise.all([a.get(NotificationsScheduler).tick(), b.get(NotificationsScheduler).tick()]);
    expect(derivedBy.get(e.seq)).toBe(1);
    expect((await b.get(NotificationsService).list(m.id, { limit: 10 })).items).toHaveLength(1);
  });
});
