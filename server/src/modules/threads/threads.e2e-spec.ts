import type { NotificationDto, NotificationPush, ThreadDto } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  addMember,
  api,
  connectSocket,
  createPartner,
  joinWorkspace,
  nextEvent,
  registerUser,
  workspaceWithMembers,
  type TestSocket,
} from '../../../test/factories';
import { nextPush } from '../../../test/notifications';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink';
import { propose } from '../../../test/decisions';
import { NotificationsListener } from '../notifications/notifications.listener';

const POS_A = Buffer.from([1, 2, 3, 4, 5, 6, 7]).toString('base64');
const POS_B = Buffer.from([9, 8, 7, 6, 5]).toString('base64');

describe('threads (e2e)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await connectSocket(t, { token });
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, SMTP_FROM: 'Coalesce <noreply@coalesce.test>' });
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** A workspace with a member, an observer, an outsider and an experiment to talk about. */
  async function setup() {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
      'member',
    ]);
    const [member, observer, other] = members as [
      (typeof members)[0],
      (typeof members)[0],
      (typeof members)[0],
    ];
    const outsider = await registerUser(t);
    const wid = workspace.id;
    const experiment = await api(t, coordinator.token)
      .post(`/api/workspaces/${wid}/experiments`, { title: 'Homework café' })
      .expect(201);
    return {
      coordinator,
      member,
      observer,
      other,
      outsider,
      wid,
      path: `/api/workspaces/${wid}/threads`,
      experimentId: experiment.body.id as string,
    };
  }

  it('opens a thread on an experiment, replies, edits, resolves, reopens, lists — with events', async () => {
    const s = await setup();
    const socket = await connect(s.coordinator.token);
    await joinWorkspace(socket, s.wid);
    const opened = nextEvent(socket, (e) => e.type === 'thread.opened', 5000);
    const created = await api(t, s.member.token)
      .post(s.path, {
        subject: { type: 'experiment', id: s.experimentId },
        text: 'Who runs Wednesdays?',
      })
      .expect(201);
    const thread = created.body as ThreadDto;
    expect(thread).toEqual({
      id: expect.any(String),
      subject: { type: 'experiment', id: s.experimentId },
      resolved: false,
      createdBy: s.member.id,
      createdAt: expect.stringMatching(/Z$/),
      comments: [
        {
          id: expect.any(String),
          authorId: s.member.id,
          text: 'Who runs Wednesdays?',
          createdAt: expect.stringMatching(/Z$/),
        },
      ],
    });
    const event = await opened;
    expect(event).toMatchObject({
      actorId: s.member.id,
      subjectType: 'thread',
      subjectId: thread.id,
      payload: {
        threadId: thread.id,
        subjectType: 'experiment',
        subjectId: s.experimentId,
        title: 'Homework café',
        text: 'Who runs Wednesdays?',
        mentions: [],
      },
    });

    const added = nextEvent(socket, (e) => e.type === 'comment.added', 5000);
    const reply = await api(t, s.coordinator.token)
      .post(`${s.path}/${thread.id}/comments`, { text: 'I do.' })
      .expect(201);
    expect(reply.body.comments.map((c: { text: string }) => c.text)).toEqual([
      'Who runs Wednesdays?',
      'I do.',
    ]);
    const replyId = reply.body.comments[1].id as string;
    expect((await added).payload).toMatchObject({ commentId: replyId, text: 'I do.' });

    const edited = nextEvent(socket, (e) => e.type === 'comment.edited', 5000);
    const edit = await api(t, s.coordinator.token)
      .patch(`${s.path}/${thread.id}/comments/${replyId}`, { text: 'I do, from March.' })
      .expect(200);
    expect(edit.body.comments[1]).toMatchObject({
      text: 'I do, from March.',
      editedAt: expect.stringMatching(/Z$/),
    });
    expect((await edited).payload).toMatchObject({ commentId: replyId });

    const resolvedEvent = nextEvent(socket, (e) => e.type === 'thread.resolved', 5000);
    const resolved = await api(t, s.member.token)
      .patch(`${s.path}/${thread.id}`, { resolved: true })
      .expect(200);
    expect(resolved.body).toMatchObject({
      resolved: true,
      resolvedBy: s.member.id,
      resolvedAt: expect.stringMatching(/Z$/),
    });
    await resolvedEvent;
    // 409: already resolved; a resolved thread takes no replies until reopened.
    const again = await api(t, s.member.token)
      .patch(`${s.path}/${thread.id}`, { resolved: true })
      .expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
    const closed = await api(t, s.member.token)
      .post(`${s.path}/${thread.id}/comments`, { text: 'one more' })
      .expect(409);
    expect(closed.body.code).toBe('THREAD_RESOLVED');

    const second = await api(t, s.other.token)
      .post(s.path, { subject: { type: 'experiment', id: s.experimentId }, text: 'Budget?' })
      .expect(201);
    // Open threads first, then the newest; filters by subject and state.
    const list = await api(t, s.observer.token)
      .get(`${s.path}?subjectType=experiment&subjectId=${s.experimentId}`)
      .expect(200);
    expect(list.body.items.map((x: ThreadDto) => x.id)).toEqual([second.body.id, thread.id]);
    expect(list.body.nextCursor).toBeNull();
    const paged = await api(t, s.observer.token).get(`${s.path}?limit=1`).expect(200);
    expect(paged.body.items).toHaveLength(1);
    const next = await api(t, s.observer.token)
      .get(`${s.path}?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`)
      .expect(200);
    expect(next.body.items.map((x: ThreadDto) => x.id)).toEqual([thread.id]);
    const onlyResolved = await api(t, s.observer.token).get(`${s.path}?resolved=true`).expect(200);
    expect(onlyResolved.body.items.map((x: ThreadDto) => x.id)).toEqual([thread.id]);

    const reopened = nextEvent(socket, (e) => e.type === 'thread.reopened', 5000);
    const open = await api(t, s.coordinator.token)
      .patch(`${s.path}/${thread.id}`, { resolved: false })
      .expect(200);
    expect(open.body.resolved).toBe(false);
    expect(open.body.resolvedBy).toBeUndefined();
    await reopened;
    await api(t, s.coordinator.token)
      .patch(`${s.path}/${thread.id}`, { resolved: false })
      .expect(409);
    await api(t, s.member.token).get(`${s.path}/${thread.id}`).expect(200);
  });

  it('threads on a proposal and on a document range; unknown subjects are 400', async () => {
    const s = await setup();
    await createPartner(t, s.coordinator, s.wid, { tier: 'core' });
    const proposal = await propose(t, s.coordinator, s.wid);
    const onProposal = await api(t, s.member.token)
      .post(s.path, { subject: { type: 'proposal', id: proposal.id }, text: 'Why them?' })
      .expect(201);
    expect(onProposal.body.subject).toEqual({ type: 'proposal', id: proposal.id });

    const docs = await api(t, s.member.token).get(`/api/workspaces/${s.wid}/documents`).expect(200);
    const vision = docs.body.items[0];
    const anchor = { start: POS_A, end: POS_B, quote: 'every child swims' };
    const onDoc = await api(t, s.member.token)
      .post(s.path, { subject: { type: 'document', id: vision.id, anchor }, text: 'Every?' })
      .expect(201);
    expect(onDoc.body.subject).toEqual({ type: 'document', id: vision.id, anchor });
    const docList = await api(t, s.member.token)
      .get(`${s.path}?subjectType=document&subjectId=${vision.id}`)
      .expect(200);
    expect(docList.body.items.map((x: ThreadDto) => x.id)).toEqual([onDoc.body.id]);

    const bad = async (body: object, path: (string | number)[]) => {
      const res = await api(t, s.member.token).post(s.path, body).expect(400);
      expect(res.body.details.map((d: { path: unknown[] }) => d.path)).toContainEqual(path);
      return res.body;
    };
    const unknown = '00000000-0000-4000-8000-000000000000';
    const b1 = await bad({ subject: { type: 'proposal', id: unknown }, text: 'x' }, [
      'subject',
      'id',
    ]);
    expect(b1.details[0].rule).toBe('unknown_subject');
    // Another workspace's experiment is unknown here.
    const elsewhere = await workspaceWithMembers(t);
    const foreign = await api(t, elsewhere.coordinator.token)
      .post(`/api/workspaces/${elsewhere.workspace.id}/experiments`, { title: 'Theirs' })
      .expect(201);
    await bad({ subject: { type: 'experiment', id: foreign.body.id }, text: 'x' }, [
      'subject',
      'id',
    ]);
    await bad({ subject: { type: 'document', id: vision.id }, text: 'x' }, ['subject', 'anchor']);
    const b64 = await bad(
      {
        subject: { type: 'document', id: vision.id, anchor: { ...anchor, start: 'not base64!' } },
        text: 'x',
      },
      ['subject', 'anchor', 'start'],
    );
    expect(b64.details[0].rule).toBe('base64');
    await bad(
      {
        subject: {
          type: 'document',
          id: vision.id,
          anchor: { ...anchor, end: 'QUJD'.repeat(200) },
        },
        text: 'x',
      },
      ['subject', 'anchor', 'end'],
    );
    await bad(
      {
        subject: {
          type: 'document',
          id: vision.id,
          anchor: { ...anchor, quote: 'q'.repeat(2001) },
        },
        text: 'x',
      },
      ['subject', 'anchor', 'quote'],
    );
    await bad({ subject: { type: 'partner', id: unknown }, text: 'x' }, ['subject', 'type']);
    await bad({ subject: { type: 'proposal', id: proposal.id }, text: '   ' }, ['text']);
    await bad({ subject: { type: 'proposal', id: proposal.id }, text: 'x'.repeat(20_001) }, [
      'text',
    ]);
    await api(t, s.member.token)
      .post(s.path, { subject: { type: 'proposal', id: proposal.id }, text: 'x'.repeat(20_000) })
      .expect(201);
    const q = await api(t, s.member.token).get(`${s.path}?subjectType=nope`).expect(400);
    expect(q.body.details[0].path).toEqual(['subjectType']);
    await api(t, s.member.token).get(`${s.path}?subjectId=${unknown}`).expect(400);
    await api(t, s.member.token).get(`${s.path}?resolved=maybe`).expect(400);
    await api(t, s.member.token).get(`${s.path}?cursor=garbage`).expect(400);
  });

  it('observers read but cannot write (403); outsiders and unknown ids are 404; authors and coordinators', async () => {
    const s = await setup();
    const subject = { type: 'experiment', id: s.experimentId };
    const thread = (
      await api(t, s.member.token).post(s.path, { subject, text: 'Mine' }).expect(201)
    ).body as ThreadDto;
    const cid = thread.comments[0]!.id;
    const tp = `${s.path}/${thread.id}`;

    // Observers: 403 on every write, before the body is looked at.
    await api(t, s.observer.token).post(s.path, { subject, text: 'x' }).expect(403);
    await api(t, s.observer.token).post(s.path, {}).expect(403);
    await api(t, s.observer.token).post(`${tp}/comments`, { text: 'x' }).expect(403);
    await api(t, s.observer.token).patch(tp, { resolved: true }).expect(403);
    await api(t, s.observer.token).patch(`${tp}/comments/${cid}`, { text: 'x' }).expect(403);
    await api(t, s.observer.token).delete(`${tp}/comments/${cid}`).expect(403);
    await api(t, s.observer.token).get(s.path).expect(200);

    // 401, and 404 for an outsider, an unknown or malformed id (before 403 and 400).
    await api(t).get(s.path).expect(401);
    await api(t, s.outsider.token).get(s.path).expect(404);
    await api(t, s.outsider.token).post(s.path, { subject, text: 'x' }).expect(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await api(t, s.member.token).get(`${s.path}/${unknown}`).expect(404);
    await api(t, s.member.token).get(`${s.path}/nope`).expect(404);
    await api(t, s.observer.token).post(`${s.path}/${unknown}/comments`, { text: 'x' }).expect(404);
    await api(t, s.member.token).patch(`${s.path}/${unknown}`, { resolved: 'x' }).expect(404);
    await api(t, s.member.token).patch(`${tp}/comments/${unknown}`, { text: 'x' }).expect(404);
    await api(t, s.member.token).delete(`${tp}/comments/${unknown}`).expect(404);
    // A comment of another thread is not found under this one.
    const other = (
      await api(t, s.other.token).post(s.path, { subject, text: 'Theirs' }).expect(201)
    ).body as ThreadDto;
    await api(t, s.member.token)
      .patch(`${tp}/comments/${other.comments[0]!.id}`, { text: 'x' })
      .expect(404);
    // 400 after the checks.
    await api(t, s.member.token).patch(tp, { resolved: 'yes' }).expect(400);
    await api(t, s.member.token).patch(`${tp}/comments/${cid}`, { text: '' }).expect(400);
    await api(t, s.member.token).post(`${tp}/comments`, {}).expect(400);

    // Only the author edits; the author or a coordinator deletes.
    await api(t, s.other.token).patch(`${tp}/comments/${cid}`, { text: 'x' }).expect(403);
    await api(t, s.coordinator.token).patch(`${tp}/comments/${cid}`, { text: 'x' }).expect(403);
    await api(t, s.other.token).delete(`${tp}/comments/${cid}`).expect(403);
    const reply = await api(t, s.other.token).post(`${tp}/comments`, { text: 'Reply' }).expect(201);
    const replyId = reply.body.comments[1].id as string;
    const socket = await connect(s.member.token);
    await joinWorkspace(socket, s.wid);
    const deleted = nextEvent(socket, (e) => e.type === 'comment.deleted', 5000);
    await api(t, s.coordinator.token).delete(`${tp}/comments/${replyId}`).expect(204);
    expect((await deleted).payload).toMatchObject({
      commentId: replyId,
      authorId: s.other.id,
      threadDeleted: false,
    });
    // The author deletes the last comment: the thread goes with it.
    await api(t, s.member.token).delete(`${tp}/comments/${cid}`).expect(204);
    await api(t, s.member.token).get(tp).expect(404);
  });

  it('mentions notify members (in app and by email); a non-member mention is 400 naming text', async () => {
    const s = await setup();
    const settled = () => t.app.get(NotificationsListener).idle();
    const memberSocket = await connect(s.member.token);
    const pushed = nextPush(memberSocket, (p) => p.notification?.kind === 'mentioned');

    // Not a member: 400 naming `text`, nothing written.
    const stranger = await api(t, s.coordinator.token)
      .post(s.path, {
        subject: { type: 'experiment', id: s.experimentId },
        text: `Ask <@${s.outsider.id}>`,
      })
      .expect(400);
    expect(stranger.body.details).toEqual([
      expect.objectContaining({ path: ['text'], rule: 'mention_not_member' }),
    ]);
    expect((await api(t, s.member.token).get(s.path).expect(200)).body.items).toEqual([]);

    const created = await api(t, s.coordinator.token)
      .post(s.path, {
        subject: { type: 'experiment', id: s.experimentId },
        text: `<@${s.member.id}> can you run it? (and me: <@${s.coordinator.id}>)`,
      })
      .expect(201);
    const push: NotificationPush = await pushed;
    expect(push.notification).toMatchObject({
      kind: 'mentioned',
      workspaceId: s.wid,
      subjectType: 'experiment',
      subjectId: s.experimentId,
      payload: {
        threadId: created.body.id,
        commentId: created.body.comments[0].id,
        title: 'Homework café',
        actorName: expect.any(String),
      },
    });
    const mail = await sink.next(s.member.email);
    expect(mail.subject).toContain('mentioned');
    expect(mail.text).toContain('can you run it?');
    await settled();
    // The author mentioning themselves is not notified.
    const mine = await api(t, s.coordinator.token).get('/api/notifications').expect(200);
    expect(mine.body.items.filter((n: NotificationDto) => n.kind === 'mentioned')).toEqual([]);

    // A reply that mentions another member; an edit notifies only the newly mentioned.
    const tp = `${s.path}/${created.body.id}`;
    const reply = await api(t, s.member.token)
      .post(`${tp}/comments`, { text: `Yes, with <@${s.other.id}>` })
      .expect(201);
    const rid = reply.body.comments[1].id as string;
    await api(t, s.member.token)
      .post(`${tp}/comments`, { text: `Ping <@${s.outsider.id}>` })
      .expect(400);
    await api(t, s.member.token)
      .patch(`${tp}/comments/${rid}`, {
        text: `Yes, with <@${s.other.id}> and <@${s.outsider.id}>`,
      })
      .expect(400);
    await api(t, s.member.token)
      .patch(`${tp}/comments/${rid}`, {
        text: `Yes, with <@${s.other.id}> and <@${s.observer.id}>`,
      })
      .expect(200);
    await settled();
    const mentionsOf = async (u: { token: string }) =>
      (await api(t, u.token).get('/api/notifications').expect(200)).body.items.filter(
        (n: NotificationDto) => n.kind === 'mentioned',
      );
    expect(await mentionsOf(s.other)).toHaveLength(1);
    expect(await mentionsOf(s.observer)).toHaveLength(1);
    expect(await mentionsOf(s.member)).toHaveLength(1);
  });

  it('a proposal thread names the candidate partner for the partner filter', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    await createPartner(t, coordinator, workspace.id, { tier: 'core' });
    const member = await addMember(t, coordinator, workspace.id);
    const proposal = await propose(t, coordinator, workspace.id);
    await api(t, member.token)
      .post(`/api/workspaces/${workspace.id}/threads`, {
        subject: { type: 'proposal', id: proposal.id },
        text: 'Hm',
      })
      .expect(201);
    const log = await api(t, member.token)
      .get(
        `/api/workspaces/${workspace.id}/activity?type=thread.opened&partnerId=${proposal.candidate.id}`,
      )
      .expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].payload.candidatePartnerId).toBe(proposal.candidate.id);
  });
});
