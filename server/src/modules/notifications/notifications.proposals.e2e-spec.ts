import type { NotificationPush } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { sql } from '../../../test/db';
import { eventually, network, propose, setPolicy, votePath } from '../../../test/decisions';
import { api, connectSocket, type TestSocket, type TestUser } from '../../../test/factories';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink';
import { NotificationEmailService } from './notification-email.service';
import { NotificationsListener } from './notifications.listener';
import { nextPush } from '../../../test/notifications';

/**
 * Notifications derived from the events the proposals module really records (issue 6):
 * real partners, representatives and proposals, over HTTP and socket.io.
 */

const kindsOf = async (t: TestApp, user: TestUser, proposalId: string) =>
  (
    (await api(t, user.token).get('/api/notifications?limit=200').expect(200)).body.items as {
      kind: string;
      subjectId: string;
    }[]
  )
    .filter((n) => n.subjectId === proposalId)
    .map((n) => n.kind)
    .sort();

describe('proposal notifications (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    // Deadlines and reminders are checked every 200 ms; a reminder is due 24 h before closing.
    t = await startTestApp({ DEADLINE_POLL_MS: '200', REMINDER_LEAD_HOURS: '24' });
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  it('opening pushes vote_needed live to the electorate; the outcome reaches proposer and voters', async () => {
    const n = await network(t, { core: 3 });
    // Silence is consent: the proposal is accepted at its deadline without the third vote.
    await setPolicy(t, n.coordinator, n.wid, 'core', {
      rule: 'consensus',
      silenceIsConsent: true,
    });
    const reps = n.voters.map((v) => v.rep);
    for (const rep of reps) sockets.push(await connectSocket(t, { token: rep.token }));
    const coordinatorSocket = await connectSocket(t, { token: n.coordinator.token });
    sockets.push(coordinatorSocket);
    const coordinatorPushes: NotificationPush[] = [];
    coordinatorSocket.on('notification', (p) => coordinatorPushes.push(p));

    const needed = sockets
      .slice(0, 3)
      .map((s) => nextPush(s, (p) => p.notification?.kind === 'vote_needed'));
    const closesAt = new Date(Date.now() + 4000).toISOString();
    const p = await propose(t, n.coordinator, n.wid, { closesAt });
    for (const push of await Promise.all(needed)) {
      expect(push).toMatchObject({
        reason: 'created',
        notification: {
          kind: 'vote_needed',
          workspaceId: n.wid,
          subjectType: 'proposal',
          subjectId: p.id,
          payload: {
            proposalId: p.id,
            candidateName: 'Labiomista',
            tier: 'core',
            closesAt: p.closesAt,
            workspaceName: n.workspace.name,
            actorName: n.coordinator.displayName,
          },
        },
      });
      expect(push.unreadCount).toBeGreaterThanOrEqual(1);
    }

    // Two of three vote; the deadline closes it (actor: nobody), accepted by silence. Test apps
    // of other files share this database without Redis, and whichever instance's sweep closes
    // the proposal derives the outcome there: read the notifications from the database.
    for (const rep of reps.slice(0, 2)) {
      await api(t, rep.token).post(votePath(n.wid, p.id), { choice: 'yes' }).expect(200);
    }
    const outcomeOf = async (user: TestUser) =>
      (
        (await api(t, user.token).get('/api/notifications?limit=200').expect(200)).body.items as {
          kind: string;
          subjectId: string;
          payload: Record<string, unknown>;
        }[]
      ).find((x) => x.subjectId === p.id && x.kind === 'proposal_outcome');
    for (const rep of reps.slice(0, 2)) {
      const outcome = await eventually(() => outcomeOf(rep), 15_000);
      expect(outcome.payload).toMatchObject({
        status: 'accepted',
        candidateName: 'Labiomista',
        tier: 'core',
      });
    }
    await eventually(() => outcomeOf(n.coordinator), 15_000);
    await t.app.get(NotificationsListener).idle();
    // The proposer heard the outcome, not the call to vote (not in the electorate).
    expect(await kindsOf(t, n.coordinator, p.id)).toEqual(['proposal_outcome']);
    expect(coordinatorPushes.map((x) => x.notification?.kind)).not.toContain('vote_needed');
    for (const rep of reps.slice(0, 2)) {
      expect((await kindsOf(t, rep, p.id)).filter((k) => k !== 'vote_reminder')).toEqual([
        'proposal_outcome',
        'vote_needed',
      ]);
    }
    // The partner that did not vote is not told the outcome, but was reminded (due at once:
    // it closed within 24 h), exactly once, by the scheduler's own timer.
    expect(await kindsOf(t, reps[2]!, p.id)).toEqual(['vote_needed', 'vote_reminder']);

    // No SMTP_URL: no email channel, nothing queued.
    expect(t.app.get(NotificationEmailService).enabled).toBe(false);
    expect(
      await sql(
        'SELECT id FROM notifications WHERE "subjectId" = $1 AND "emailStatus" IS NOT NULL',
        [p.id],
      ),
    ).toEqual([]);
  });

  it('an autonomous proposal asks nobody to vote', async () => {
    const n = await network(t, { core: 2, stage: 'catalysing_initiating' });
    const p = await propose(t, n.coordinator, n.wid, {
      tier: 'broad',
      candidate: { kind: 'organisation', name: 'Speeltuin', actorType: 'civil_society' },
    });
    expect(p.policy.rule).toBe('autonomous');
    await t.app.get(NotificationsListener).idle();
    for (const { rep } of n.voters) expect(await kindsOf(t, rep, p.id)).toEqual([]);
  });
});

describe('proposal emails (e2e, SMTP sink)', () => {
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
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const mailsTo = (u: TestUser) => sink.mails.filter((m) => m.to.includes(u.email.toLowerCase()));

  it('emails the call to vote and the outcome; not to a user who opted out', async () => {
    const n = await network(t, { core: 2 });
    const [a, b] = n.voters.map((v) => v.rep);
    await api(t, b!.token)
      .put('/api/me/notification-preferences', { email: { vote_needed: false } })
      .expect(200);

    const p = await propose(t, n.coordinator, n.wid);
    const call = await sink.next(a!.email);
    expect(call.subject).toBe(`[${n.workspace.name}] Your vote is needed: Labiomista`);
    expect(call.text).toContain(`https://coalesce.example/w/${n.wid}/proposals/${p.id}`);

    // Both vote yes: consensus closes at once; the closing is the system's act (no actor).
    await api(t, a!.token).post(votePath(n.wid, p.id), { choice: 'yes' }).expect(200);
    await api(t, b!.token).post(votePath(n.wid, p.id), { choice: 'yes' }).expect(200);
    const outcome = await eventually(async () =>
      mailsTo(n.coordinator).find((m) => m.subject.includes('accepted')),
    );
    expect(outcome.subject).toBe(`[${n.workspace.name}] Proposal accepted: Labiomista`);
    await eventually(async () => mailsTo(a!).find((m) => m.subject.includes('accepted')));
    await settled();

    // A: the call and the outcome. B opted out of the call only: B's vote closed the proposal,
    // but the closing is not B's act, so B hears the outcome like every voter.
    expect(mailsTo(a!).map((m) => m.subject)).toHaveLength(2);
    await eventually(async () => mailsTo(b!).find((m) => m.subject.includes('accepted')));
    expect(mailsTo(b!).map((m) => m.subject)).toEqual([
      `[${n.workspace.name}] Proposal accepted: Labiomista`,
    ]);
    expect((await kindsOf(t, b!, p.id)).sort()).toEqual(['proposal_outcome', 'vote_needed']);
    const rows = await sql<{ kind: string; emailStatus: string | null }>(
      `SELECT kind, "emailStatus" FROM notifications WHERE "userId" = $1 AND "subjectId" = $2`,
      [b!.id, p.id],
    );
    expect(rows.find((r) => r.kind === 'vote_needed')).toEqual({
      kind: 'vote_needed',
      emailStatus: null,
    });
  });
});
