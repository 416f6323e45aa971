import type { NotificationPush } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import {
  addMember,
  api,
  connectSocket,
  createPartner,
  createWorkspace,
  invite,
  registerUser,
  uniqueEmail,
  type TestSocket,
} from '../../../test/factories';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink';
import { NotificationEmailService } from './notification-email.service';
import { NotificationsListener } from './notifications.listener';
import { nextPush } from '../../../test/notifications';

describe('notifications (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await connectSocket(t, { token });
    sockets.push(s);
    return s;
  };
  /** Every activity event so far has been turned into notifications. */
  const settled = () => t.app.get(NotificationsListener).idle();
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  it('a role change notifies that member live, with the unread count; not the actor', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Regina Mundi' });
    const member = await addMember(t, owner, w.id);
    const memberSocket = await connect(member.token);
    const ownerSocket = await connect(owner.token);
    const ownerPushes: NotificationPush[] = [];
    ownerSocket.on('notification', (p) => ownerPushes.push(p));

    const pushed = nextPush(memberSocket, (p) => p.reason === 'created');
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${member.id}`, { role: 'coordinator' })
      .expect(200);
    const push = await pushed;
    expect(push).toEqual({
      reason: 'created',
      unreadCount: 1,
      notification: {
        id: expect.any(String),
        workspaceId: w.id,
        kind: 'role_changed',
        subjectType: 'member',
        subjectId: member.id,
        eventId: expect.any(String),
        payload: {
          from: { role: 'member', broker: false },
          to: { role: 'coordinator', broker: false },
          workspaceName: 'Regina Mundi',
          actorName: owner.displayName,
        },
        readAt: null,
        createdAt: expect.stringMatching(/Z$/),
      },
    });
    const list = await api(t, member.token).get('/api/notifications').expect(200);
    expect(list.body).toEqual({ items: [push.notification], nextCursor: null });
    await api(t, member.token)
      .get('/api/notifications/unread-count')
      .expect(200, { unreadCount: 1 });

    const readPush = nextPush(memberSocket, (p) => p.reason === 'read');
    const read = await api(t, member.token)
      .post(`/api/notifications/${push.notification!.id}/read`)
      .expect(200);
    expect(read.body.readAt).toMatch(/Z$/);
    expect(await readPush).toMatchObject({ unreadCount: 0, notification: { id: read.body.id } });
    // Reading again changes nothing.
    const again = await api(t, member.token)
      .post(`/api/notifications/${push.notification!.id}/read`)
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    // The owner's own act notified the owner of nothing.
    await settled();
    await ownerSocket.timeout(1000).emitWithAck('workspace:leave', { workspaceId: w.id });
    expect(ownerPushes).toEqual([]);
    await api(t, owner.token)
      .get('/api/notifications')
      .expect(200, { items: [], nextCursor: null });
  });

  it('an email-bound invitation of an existing user notifies them; others notify nobody', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Talentenstad' });
    const invitee = await registerUser(t);
    const s = await connect(invitee.token);
    const pushed = nextPush(s);
    const inv = await invite(t, owner, w.id, {
      email: invitee.email.toUpperCase(),
      role: 'observer',
    });
    expect((await pushed).notification).toMatchObject({
      kind: 'invited',
      workspaceId: w.id,
      subjectType: 'invitation',
      subjectId: inv.id,
      payload: { invitationId: inv.id, role: 'observer', workspaceName: 'Talentenstad' },
    });
    // No email, or an email nobody registered: nothing to notify.
    await invite(t, owner, w.id, { role: 'member' });
    await invite(t, owner, w.id, { email: uniqueEmail('nobody'), role: 'member' });
    await settled();
    const rows = await sql('SELECT "userId", kind FROM notifications WHERE "workspaceId" = $1', [
      w.id,
    ]);
    expect(rows).toEqual([{ userId: invitee.id, kind: 'invited' }]);
  });

  it('lists newest first with cursors and ?unread; read-all; 404 for what is not mine', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const member = await addMember(t, owner, w.id);
    for (const role of ['observer', 'member', 'coordinator', 'member'] as const) {
      await api(t, owner.token)
        .patch(`/api/workspaces/${w.id}/members/${member.id}`, { role })
        .expect(200);
    }
    await settled();
    const all = await api(t, member.token).get('/api/notifications').expect(200);
    expect(
      all.body.items.map((n: { payload: { to: { role: string } } }) => n.payload.to.role),
    ).toEqual(['member', 'coordinator', 'member', 'observer']);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api(
        t,
        member.token,
      )
        .get(`/api/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      pages.push(...res.body.items.map((n) => n.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.body.items.map((n: { id: string }) => n.id));

    await api(t, member.token).post(`/api/notifications/${all.body.items[1].id}/read`).expect(200);
    const unread = await api(t, member.token).get('/api/notifications?unread=true').expect(200);
    expect(unread.body.items).toHaveLength(3);
    const read = await api(t, member.token).get('/api/notifications?unread=false').expect(200);
    expect(read.body.items.map((n: { id: string }) => n.id)).toEqual([all.body.items[1].id]);

    // Somebody else's notification, an unknown id and a malformed id are all 404.
    await api(t, owner.token).post(`/api/notifications/${all.body.items[0].id}/read`).expect(404);
    await api(t, member.token)
      .post('/api/notifications/00000000-0000-4000-8000-000000000000/read')
      .expect(404);
    await api(t, member.token).post('/api/notifications/nope/read').expect(404);
    for (const q of ['unread=yes', 'limit=0', 'limit=500', 'cursor=%%%']) {
      const res = await api(t, member.token).get(`/api/notifications?${q}`).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await api(t).get('/api/notifications').expect(401);

    const s = await connect(member.token);
    const pushed = nextPush(s, (p) => p.reason === 'read_all');
    await api(t, member.token)
      .post('/api/notifications/read-all')
      .expect(200, { updated: 3, unreadCount: 0 });
    expect(await pushed).toEqual({ reason: 'read_all', notification: null, unreadCount: 0 });
    await api(t, member.token)
      .get('/api/notifications/unread-count')
      .expect(200, { unreadCount: 0 });
  });

  it('preferences: defaults, partial replace, validation; in-app off means no notification', async () => {
    const u = await registerUser(t);
    const defaults = await api(t, u.token).get('/api/me/notification-preferences').expect(200);
    expect(Object.values(defaults.body.inApp).every((v) => v === true)).toBe(true);
    expect(defaults.body.email).toEqual({
      vote_needed: true,
      vote_reminder: true,
      proposal_outcome: true,
      connection_proposed: true,
      connection_response: false,
      experiment_status: false,
      invited: true,
      role_changed: false,
      partner_unrepresented: true,
      connection_expired: false,
      mentioned: true,
      proposal_statement: false,
      survey_opened: true,
      survey_reminder: true,
    });
    const put = await api(t, u.token)
      .put('/api/me/notification-preferences', { inApp: { role_changed: false } })
      .expect(200);
    expect(put.body.inApp.role_changed).toBe(false);
    expect(put.body.inApp.invited).toBe(true);
    expect(put.body.email).toEqual(defaults.body.email);
    await api(t, u.token)
      .get('/api/me/notification-preferences')
      .expect(200)
      .expect((r) => expect(r.body).toEqual(put.body));
    for (const body of [
      { inApp: { exploded: true } },
      { email: { vote_needed: 'yes' } },
      { push: {} },
      { inApp: [] },
    ]) {
      const res = await api(t, u.token).put('/api/me/notification-preferences', body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }

    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    await addMember(t, owner, w.id, 'member', { user: u });
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${u.id}`, { role: 'observer' })
      .expect(200);
    await settled();
    await api(t, u.token).get('/api/notifications').expect(200, { items: [], nextCursor: null });
    // Without SMTP_URL there is no email channel: nothing is queued either.
    expect(t.app.get(NotificationEmailService).enabled).toBe(false);
    expect(await sql('SELECT id FROM notifications WHERE "userId" = $1', [u.id])).toEqual([]);
    const inv = await invite(t, owner, w.id, { email: uniqueEmail('nobody-yet') });
    await settled();
    expect(
      await sql('SELECT * FROM invitation_emails WHERE "invitationId" = $1', [inv.id]),
    ).toEqual([]);
  });
});

describe('notification emails (e2e, SMTP sink)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const settled = async () => {
    await t.app.get(NotificationsListener).idle();
    await t.app.get(NotificationEmailService).idle();
  };
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      SMTP_URL: sink.url,
      SMTP_FROM: 'Coalesce <noreply@coalesce.test>',
      PUBLIC_URL: 'https://coalesce.example',
      DEADLINE_POLL_MS: '200',
    });
    t.app.get(NotificationEmailService).retry = {
      maxAttempts: 3,
      baseBackoffMs: 100,
      leaseMs: 60_000,
      sendTimeoutMs: 5_000,
    };
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function memberWithEmailFor(kind: string, locale: 'nl' | 'en') {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Klooz' });
    const u = await registerUser(t, { locale });
    await api(t, u.token)
      .put('/api/me/notification-preferences', { email: { [kind]: true } })
      .expect(200);
    await addMember(t, owner, w.id, 'member', { user: u });
    return { owner, w, u };
  }

  it('sends a real email in the user locale, with a link, exactly once', async () => {
    const { owner, w, u } = await memberWithEmailFor('role_changed', 'nl');
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${u.id}`, { broker: true })
      .expect(200);
    const mail = await sink.next(u.email);
    expect(mail.to).toEqual([u.email.toLowerCase()]);
    expect(mail.from).toBe('noreply@coalesce.test');
    expect(mail.subject).toBe('[Klooz] Je rol is gewijzigd');
    expect(mail.text).toContain('Je rol in Klooz is nu member (makelaar).');
    expect(mail.text).toContain(`Openen: https://coalesce.example/w/${w.id}`);
    await settled();
    const [row] = await sql<{ emailStatus: string; emailAttempts: number; id: string }>(
      'SELECT id, "emailStatus", "emailAttempts" FROM notifications WHERE "userId" = $1',
      [u.id],
    );
    expect(row).toMatchObject({ emailStatus: 'sent', emailAttempts: 1 });
    expect(mail.headers['message-id']).toBe(`<${row!.id}@coalesce>`);
    expect(sink.mails.filter((m) => m.to.includes(u.email.toLowerCase()))).toHaveLength(1);
  });

  it('retries a temporary SMTP failure with backoff and still sends once', async () => {
    const { owner, w, u } = await memberWithEmailFor('role_changed', 'en');
    sink.failNext(1);
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${u.id}`, { role: 'observer' })
      .expect(200);
    const mail = await sink.next(u.email);
    expect(mail.subject).toBe('[Klooz] Your role changed');
    await settled();
    const rows = await sql<{ emailStatus: string; emailAttempts: number }>(
      'SELECT "emailStatus", "emailAttempts" FROM notifications WHERE "userId" = $1',
      [u.id],
    );
    expect(rows).toEqual([{ emailStatus: 'sent', emailAttempts: 2 }]);
    expect(sink.mails.filter((m) => m.to.includes(u.email.toLowerCase()))).toHaveLength(1);
  });

  it('sends nothing to a user who did not opt in (role_changed is off by default)', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner);
    const u = await addMember(t, owner, w.id);
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${u.id}`, { role: 'observer' })
      .expect(200);
    await settled();
    const rows = await sql<{ emailStatus: string | null }>(
      'SELECT "emailStatus" FROM notifications WHERE "userId" = $1',
      [u.id],
    );
    expect(rows).toEqual([{ emailStatus: null }]);
    expect(sink.mails.some((m) => m.to.includes(u.email.toLowerCase()))).toBe(false);
  });

  it('the email of a kind turned off in-app still goes out (and is not listed)', async () => {
    const { owner, w, u } = await memberWithEmailFor('role_changed', 'en');
    await api(t, u.token)
      .put('/api/me/notification-preferences', {
        inApp: { role_changed: false },
        email: { role_changed: true },
      })
      .expect(200);
    await api(t, owner.token)
      .patch(`/api/workspaces/${w.id}/members/${u.id}`, { role: 'coordinator' })
      .expect(200);
    await sink.next(u.email);
    await api(t, u.token).get('/api/notifications').expect(200, { items: [], nextCursor: null });
    await api(t, u.token).get('/api/notifications/unread-count').expect(200, { unreadCount: 0 });
  });
  it('an invitation to an address without an account emails its link there, once, in nl and en', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Kiosk' });
    const address = uniqueEmail('newcomer');
    const inv = await invite(t, owner, w.id, { email: address, broker: true });
    const mail = await sink.next(address);
    expect(mail.subject).toBe('Uitnodiging voor Kiosk / Invitation to Kiosk');
    expect(mail.text).toContain('als lid en makelaar deel te nemen aan Kiosk');
    expect(mail.text).toContain('join Kiosk on Coalesce as member and broker');
    expect(mail.text).toContain(`https://coalesce.example/invite/${inv.token}`);
    expect(mail.headers['message-id']).toBe(`<invitation-${inv.id}@coalesce>`);
    await settled();
    const row = async (id: string) =>
      (
        await sql<{ status: string; attempts: number }>(
          'SELECT status, attempts FROM invitation_emails WHERE "invitationId" = $1',
          [id],
        )
      )[0];
    expect(await row(inv.id)).toEqual({ status: 'sent', attempts: 1 });
    // The link in it works for whoever signs up with that address.
    const newcomer = await registerUser(t, { email: address });
    await api(t, newcomer.token).post(`/api/invitations/${inv.token}/accept`).expect(200);

    // An address with an account gets the in-app notification instead; no invitation email.
    const known = await registerUser(t);
    const toKnown = await invite(t, owner, w.id, { email: known.email });
    // One revoked before its email went out is not sent (replayed here by hand).
    const revoked = await invite(t, owner, w.id, { email: uniqueEmail('revoked') });
    await settled();
    await api(t, owner.token)
      .delete(`/api/workspaces/${w.id}/invitations/${revoked.id}`)
      .expect(204);
    await sql(
      `UPDATE invitation_emails SET status = 'pending', "nextAt" = now() WHERE "invitationId" = $1`,
      [revoked.id],
    );
    t.app.get(NotificationEmailService).kick();
    await settled();
    expect(await row(toKnown.id)).toBeUndefined();
    expect(await row(revoked.id)).toEqual({ status: 'skipped', attempts: 2 });
    expect(sink.mails.filter((m) => m.to.includes(address.toLowerCase()))).toHaveLength(1);
  });

  it('an invitation to represent a partner names that partner in its email', async () => {
    const owner = await registerUser(t);
    const w = await createWorkspace(t, owner, { name: 'Kiosk' });
    const partner = await createPartner(t, owner, w.id, { name: 'Sportclub Genk' });
    const address = uniqueEmail('rep');
    await invite(t, owner, w.id, { email: address, partnerId: partner.id });
    const mail = await sink.next(address);
    expect(mail.text).toContain(
      'als lid deel te nemen aan Kiosk op Coalesce, als vertegenwoordiger van Sportclub Genk.',
    );
    expect(mail.text).toContain('join Kiosk on Coalesce as member, representing Sportclub Genk.');
  });
});
