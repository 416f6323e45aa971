import type { TestingModule } from '@nestjs/testing';
import type { ActivityEventDto } from '@coalesce/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { EventBus } from '../../common/events/event-bus';
import { ActivityService } from './activity.service';

describe('ActivityService.record + EventBus (PostgreSQL)', () => {
  let ctx: TestingModule;
  let activity: ActivityService;
  let ds: DataSource;
  let published: ActivityEventDto[];
  let off: () => void;
  beforeAll(async () => {
    ctx = await startIntContext();
    activity = ctx.get(ActivityService);
    ds = ctx.get(DataSource);
    off = ctx.get(EventBus).on('activity.recorded', (e) => void published.push(e));
  });
  beforeEach(() => (published = []));
  afterAll(async () => {
    off();
    await ctx.close();
  });

  const input = (workspaceId: string) => ({
    workspaceId,
    type: 'workspace.updated' as const,
    actorId: null,
    subjectType: 'workspace',
    subjectId: workspaceId,
    payload: { n: 1 },
    partnerIds: [randomUUID(), null],
  });
  const rows = (workspaceId: string) =>
    ds.query('SELECT * FROM activity_events WHERE "workspaceId" = $1', [workspaceId]);
  const settle = () => new Promise((r) => setImmediate(r));

  it('publishes only after the transaction commits', async () => {
    const wid = randomUUID();
    let seenInside = -1;
    const dto = await ds.transaction(async (m) => {
      const e = await activity.record(m, input(wid));
      await settle();
      seenInside = published.length;
      return e;
    });
    await settle();
    expect(seenInside).toBe(0);
    expect(published).toEqual([dto]);
    expect(dto.partnerIds).toHaveLength(1);
    expect(await rows(wid)).toHaveLength(1);
  });

  it('a rolled-back transaction leaves neither a row nor a publication', async () => {
    const wid = randomUUID();
    await expect(
      ds.transaction(async (m) => {
        await activity.record(m, input(wid));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await settle();
    expect(published).toEqual([]);
    expect(await rows(wid)).toHaveLength(0);
  });

  it('a rolled-back savepoint drops only its own events', async () => {
    const wid = randomUUID();
    await ds.transaction(async (m) => {
      await activity.record(m, { ...input(wid), payload: { outer: true } });
      await m
        .transaction(async (inner) => {
          await activity.record(inner, { ...input(wid), payload: { inner: true } });
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    await settle();
    expect(published.map((e) => e.payload)).toEqual([{ outer: true }]);
    expect(await rows(wid)).toHaveLength(1);
  });

  it('outside a transaction it publishes right after the insert; seq increases', async () => {
    const wid = randomUUID();
    const a = await activity.record(ds.manager, input(wid));
    const b = await activity.record(ds.manager, input(wid));
    await settle();
    expect(published.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(b.seq).toBeGreaterThan(a.seq);
  });
});
