import type { NotificationDto } from '@coalesce/shared';
import { sql } from '../../../test/db';
import { addMember, api, partnerWithRepresentative, registerUser } from '../../../test/factories';
import { eventually } from '../../../test/decisions';
import { startTestApp } from '../../../test/test-app';
import { NotificationsListener } from '../notifications/notifications.listener';

/**
 * Open connections expire after CONNECTION_EXPIRY_DAYS (default 30), by the scheduler, once.
 * Every app of the test run sweeps the one shared database, so other files' apps may expire the
 * connection too: the count of events is what is asserted, not which instance wrote it. The
 * apps here keep the default expiry, so they never expire other files' (fresh) connections.
 */
describe('connection expiry (e2e)', () => {
  it('two app instances sweeping at once expire an old open connection exactly once', async () => {
    // The age is set by SQL, which wakes no sweep: each looks every 100 ms regardless.
    const fast = { DEADLINE_POLL_MS: '100', SWEEP_IDLE_MS: '100' };
    const [x, y] = await Promise.all([startTestApp(fast), startTestApp(fast)]);
    try {
      const coordinator = await registerUser(x);
      const w = (await api(x, coordinator.token).post('/api/workspaces', { name: 'Expiry' }))
        .body as { id: string };
      const broker = await addMember(x, coordinator, w.id, 'member', { broker: true });
      const { partner: a } = await partnerWithRepresentative(x, coordinator, w.id);
      const { partner: b } = await partnerWithRepresentative(x, coordinator, w.id);
      const path = `/api/workspaces/${w.id}/connections`;
      const old = await api(x, broker.token)
        .post(path, { fromPartnerId: a.id, toPartnerId: b.id, reason: 'Old news' })
        .expect(201);
      const { partner: c } = await partnerWithRepresentative(x, coordinator, w.id);
      const fresh = await api(x, broker.token)
        .post(path, { fromPartnerId: a.id, toPartnerId: c.id, reason: 'Still open' })
        .expect(201);
      await sql(`UPDATE connections SET "createdAt" = now() - interval '31 days' WHERE id = $1`, [
        old.body.id,
      ]);

      const expired = await eventually(async () => {
        const res = await api(y, coordinator.token).get(`${path}/${old.body.id}`);
        return res.body.status === 'expired' && res.body;
      }, 5000);
      expect(expired).toMatchObject({ status: 'expired', closedAt: expect.stringMatching(/Z$/) });
      // Let both sweepers run several more times: still one expiry, by the system.
      await new Promise((r) => setTimeout(r, 500));
      const log = await api(x, coordinator.token)
        .get(`/api/workspaces/${w.id}/activity?type=connection.expired`)
        .expect(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          actorId: null,
          subjectId: old.body.id,
          partnerIds: [a.id, b.id],
          payload: expect.objectContaining({ proposedBy: broker.id, expiryDays: 30 }),
        }),
      ]);
      expect((await api(x, broker.token).get(`${path}/${fresh.body.id}`)).body.status).toBe(
        'proposed',
      );
      await api(x, broker.token)
        .get(`${path}?status=expired`)
        .expect(200)
        .then((r) => expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([old.body.id]));

      // The broker hears it (from whichever instance wrote the event; maybe a foreign one, so
      // wait for the notification rather than for a listener).
      await Promise.all([x, y].map((app) => app.app.get(NotificationsListener).idle()));
      const note = await eventually(async () => {
        const res = await api(x, broker.token).get('/api/notifications');
        return (res.body.items as NotificationDto[]).find((n) => n.kind === 'connection_expired');
      }, 5000);
      expect(note).toMatchObject({ subjectType: 'connection', subjectId: old.body.id });
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });
});
