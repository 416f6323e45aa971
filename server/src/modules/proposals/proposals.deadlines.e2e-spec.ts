import { sql } from '../../../test/db';
import {
  addMember,
  api,
  connectSocket,
  joinWorkspace,
  type TestUser,
} from '../../../test/factories';
import { eventually, network, propose, setPolicy, votePath } from '../../../test/decisions';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { SweepPause } from '../../common/events/sweep-pause';

/** The proposal closes by the sweep alone, within a second after `closesAt` (never before). */
async function expectClosedOnTime(
  t: TestApp,
  user: TestUser,
  wid: string,
  pid: string,
  closesAt: Date,
): Promise<void> {
  const closed = await eventually(async () => {
    const res = await api(t, user.token).get(`/api/workspaces/${wid}/proposals/${pid}`);
    return res.body.status !== 'open' && (res.body as { closedAt: string });
  }, 6000);
  const late = new Date(closed.closedAt).getTime() - closesAt.getTime();
  expect(late).toBeGreaterThanOrEqual(0);
  expect(late).toBeLessThan(1_000);
}

/** Deadlines live in the database: they survive restarts and are enforced once across instances. */
describe('proposal deadlines (e2e)', () => {
  it('a proposal that fell due while the app was down closes right at start, with the right status', async () => {
    const first = await startTestApp();
    const { coordinator, wid, voters } = await network(first, { core: 2 });
    await setPolicy(first, coordinator, wid, 'core', { rule: 'consensus', silenceIsConsent: true });
    const p = await propose(first, coordinator, wid);
    await api(first, voters[0]!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
    await first.close();

    await sql(`UPDATE proposals SET "closesAt" = now() - interval '1 hour' WHERE id = $1`, [p.id]);
    // A long poll interval: only the sweep at start can close it here.
    const second = await startTestApp({ DEADLINE_POLL_MS: '600000' });
    try {
      const closed = await eventually(async () => {
        const res = await api(second, coordinator.token).get(
          `/api/workspaces/${wid}/proposals/${p.id}`,
        );
        return res.body.status !== 'open' && res.body;
      }, 5000);
      expect(closed).toMatchObject({
        status: 'accepted',
        outcome: { status: 'accepted', reason: 'silence_is_consent' },
        candidate: { status: 'active', tier: 'core' },
      });
    } finally {
      await second.close();
    }
  });

  it('without a fixed beat, a deadline is met: the opening wakes the sweep, which then waits for it', async () => {
    // Nothing would look for an hour but the sweep's own knowledge of the next deadline.
    const t = await startTestApp({ DEADLINE_POLL_MS: '100', SWEEP_IDLE_MS: '3600000' });
    try {
      const { coordinator, wid } = await network(t, { core: 2 });
      const closesAt = new Date(Date.now() + 2_000);
      const p = await propose(t, coordinator, wid, { closesAt: closesAt.toISOString() });
      await expectClosedOnTime(t, coordinator, wid, p.id, closesAt);
    } finally {
      await t.close();
    }
  });

  it('an instance that did not open it still closes a proposal on time once it knows of it', async () => {
    const first = await startTestApp();
    const { coordinator, wid } = await network(first, { core: 2 });
    const p = await propose(first, coordinator, wid);
    await first.close();
    const closesAt = new Date(Date.now() + 2_500);
    await sql(`UPDATE proposals SET "closesAt" = $2 WHERE id = $1`, [p.id, closesAt]);
    // Its start sweep finds nothing due yet, but learns the deadline and waits for it.
    const second = await startTestApp({ DEADLINE_POLL_MS: '100', SWEEP_IDLE_MS: '3600000' });
    try {
      await expectClosedOnTime(second, coordinator, wid, p.id, closesAt);
    } finally {
      await second.close();
    }
  });

  it('two app instances on one database close a due proposal exactly once', async () => {
    // The deadline is moved by SQL, which wakes no sweep: each looks every 200 ms regardless.
    const fast = { DEADLINE_POLL_MS: '200', SWEEP_IDLE_MS: '200' };
    const [x, y] = await Promise.all([startTestApp(fast), startTestApp(fast)]);
    try {
      const { coordinator, wid, voters } = await network(x, { core: 2 });
      const p = await propose(x, coordinator, wid);
      await api(y, voters[1]!.rep.token)
        .post(votePath(wid, p.id), { choice: 'no', reason: 'Too soon' })
        .expect(200);
      await sql(`UPDATE proposals SET "closesAt" = now() WHERE id = $1`, [p.id]);
      const closed = await eventually(async () => {
        const res = await api(y, coordinator.token).get(`/api/workspaces/${wid}/proposals/${p.id}`);
        return res.body.status !== 'open' && res.body;
      }, 5000);
      expect(closed).toMatchObject({ status: 'rejected', outcome: { reason: 'blocked' } });
      // Let both sweepers run a few more times; still one closing.
      await new Promise((r) => setTimeout(r, 600));
      const log = await api(x, coordinator.token)
        .get(`/api/workspaces/${wid}/activity?type=proposal.closed`)
        .expect(200);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({ subjectId: p.id, actorId: null });
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  it('a workspace whose deadlines are paused (the demo) is left alone by every instance until resumed', async () => {
    const redis = {
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      DEADLINE_POLL_MS: '100',
      SWEEP_IDLE_MS: '100',
    };
    const [x, y] = await Promise.all([startTestApp(redis), startTestApp(redis)]);
    try {
      const { coordinator, wid } = await network(x, { core: 2 });
      const p = await propose(x, coordinator, wid);
      const resume = await x.app.get(SweepPause).pause(wid);
      await sql(`UPDATE proposals SET "closesAt" = now() - interval '1 hour' WHERE id = $1`, [
        p.id,
      ]);
      const path = `/api/workspaces/${wid}/proposals/${p.id}`;
      // Several sweeps of both instances pass: it stays open.
      await new Promise((r) => setTimeout(r, 600));
      expect((await api(y, coordinator.token).get(path).expect(200)).body.status).toBe('open');
      await resume();
      const closed = await eventually(async () => {
        const res = await api(y, coordinator.token).get(path);
        return res.body.status !== 'open' && res.body;
      }, 5000);
      expect(closed).toMatchObject({ status: 'expired', outcome: { reason: 'votes_missing' } });
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  it('proposal:tally reaches a socket on another instance (Redis adapter)', async () => {
    const redis = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const [x, y] = await Promise.all([startTestApp(redis), startTestApp(redis)]);
    try {
      const { coordinator, wid, voters } = await network(x, { core: 2 });
      const watcher = await addMember(x, coordinator, wid, 'member');
      const socket = await connectSocket(y, { token: watcher.token });
      try {
        expect(await joinWorkspace(socket, wid)).toEqual({ ok: true });
        const p = await propose(x, coordinator, wid);
        const tally = new Promise((resolve) => socket.once('proposal:tally', resolve));
        await api(x, voters[0]!.rep.token).post(votePath(wid, p.id), { choice: 'yes' }).expect(200);
        expect(await tally).toMatchObject({ proposalId: p.id, status: 'open', tally: { yes: 1 } });
      } finally {
        socket.close();
      }
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });
});
