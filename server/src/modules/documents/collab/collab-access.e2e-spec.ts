import { CollabCloseCode } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  addParagraph,
  type Client,
  closedWith,
  collabOptionsModule,
  connect,
  rawConnect,
  type RawClient,
  seesAwareness,
  synced,
  textOf,
  until,
} from '../../../../test/collab';
import {
  addMember,
  api,
  loginWithCookies,
  registerUser,
  workspaceWithMembers,
} from '../../../../test/factories';
import { CollabPersistenceService } from './collab-persistence.service';
import { CollabService } from './collab.service';

/**
 * Access to live documents on REAL parts: registered users, workspaces, invitations, access
 * tokens and session cookies, the production authenticator and the membership events.
 */
describe('collaboration access (e2e, real auth)', () => {
  let t: TestApp;
  const clients: Client[] = [];
  const raws: RawClient[] = [];
  const open = (documentId: string, auth: string | { cookie: string }) => {
    const c = connect(t, documentId, auth);
    clients.push(c);
    return c;
  };
  const raw = (path: string, headers: Record<string, string> = {}) => {
    const r = rawConnect(t, path, { headers });
    raws.push(r);
    return r;
  };
  const stored = async (id: string) => {
    const doc = await t.app.get(CollabPersistenceService).load(id);
    try {
      return textOf(doc);
    } finally {
      doc.destroy();
    }
  };
  /** Everything the server accepted so far is committed and applied. */
  const settled = async (id: string) => {
    await t.app.get(CollabPersistenceService).drained();
    await t.app.get(CollabService).withDocument(id, (d) => d.idle());
  };
  /** `c`'s frames are handled in order: once its presence step reached `peer`, so did its edits. */
  const handledUpTo = async (c: Client, peer: Client, step: number) => {
    c.provider.awareness.setLocalStateField('cursor', { step });
    await seesAwareness(peer, (s) => (s.cursor as { step?: number } | undefined)?.step === step);
  };

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [collabOptionsModule({ unloadDelayMs: 50 })] });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
    raws.splice(0).forEach((r) => r.ws.terminate());
  });
  afterAll(() => t.close());

  it('refuses bad credentials (4401), unknown documents (4404) and non-members (4403) before sending anything', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const stranger = await registerUser(t);
    const id = workspace.visionDocumentId!;
    const unknown = crypto.randomUUID();
    const cases: [string, string, Record<string, string>, number][] = [
      ['no credentials', `/collab/${id}`, {}, CollabCloseCode.UNAUTHENTICATED],
      ['a bad token', `/collab/${id}?token=nope`, {}, CollabCloseCode.UNAUTHENTICATED],
      [
        'a bad session cookie',
        `/collab/${id}`,
        { cookie: 'coalesce_session=forged' },
        CollabCloseCode.UNAUTHENTICATED,
      ],
      [
        'a bad token on an unknown document (401 first)',
        `/collab/${unknown}?token=nope`,
        {},
        CollabCloseCode.UNAUTHENTICATED,
      ],
      [
        'an unknown document',
        `/collab/${unknown}?token=${coordinator.token}`,
        {},
        CollabCloseCode.NOT_FOUND,
      ],
      [
        'a malformed id',
        `/collab/not-a-uuid?token=${coordinator.token}`,
        {},
        CollabCloseCode.NOT_FOUND,
      ],
      [
        'a non-member on an unknown document (404 before 403)',
        `/collab/${unknown}?token=${stranger.token}`,
        {},
        CollabCloseCode.NOT_FOUND,
      ],
      ['a non-member', `/collab/${id}?token=${stranger.token}`, {}, CollabCloseCode.FORBIDDEN],
    ];
    for (const [what, path, headers, code] of cases) {
      const r = raw(path, headers);
      const closed = await r.closed;
      expect({ what, code: closed.code, messages: r.messages.length }).toEqual({
        what,
        code,
        messages: 0,
      });
    }
    // The stock client stops reconnecting on a refusal.
    const c = open(id, stranger.token);
    expect(await closedWith(c)).toBe(CollabCloseCode.FORBIDDEN);
  });

  it('members write; an observer’s edits reach neither the others nor the database, its presence does', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
    ]);
    const id = workspace.visionDocumentId!;
    const c = open(id, coordinator.token);
    const m = open(id, members[0]!.token);
    const o = open(id, members[1]!.token);
    await Promise.all([synced(c), synced(m), synced(o)]);

    addParagraph(m.doc, 'from member');
    await until(c.doc, (d) => textOf(d) === 'from member');
    await until(o.doc, (d) => textOf(d) === 'from member');

    addParagraph(o.doc, 'from observer');
    await handledUpTo(o, c, 1);
    await settled(id);
    expect(o.provider.wsconnected).toBe(true);
    expect(textOf(c.doc)).toBe('from member');
    expect(textOf(m.doc)).toBe('from member');
    expect(await stored(id)).toBe('from member');
  });

  it('a removed member’s open socket closes with 4403 at once; a demoted one’s later edits are dropped', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['member', 'member']);
    const [leaving, demoted] = members;
    const id = workspace.visionDocumentId!;
    const c = open(id, coordinator.token);
    const l = open(id, leaving!.token);
    const d = open(id, demoted!.token);
    await Promise.all([synced(c), synced(l), synced(d)]);

    const closed = closedWith(l);
    await api(t, coordinator.token)
      .delete(`/api/workspaces/${workspace.id}/members/${leaving!.id}`)
      .expect(204);
    expect(await closed).toBe(CollabCloseCode.FORBIDDEN);
    // Reconnecting is refused too.
    const again = open(id, leaving!.token);
    expect(await closedWith(again)).toBe(CollabCloseCode.FORBIDDEN);

    addParagraph(d.doc, 'while a member');
    await until(c.doc, (doc) => textOf(doc) === 'while a member');
    await api(t, coordinator.token)
      .patch(`/api/workspaces/${workspace.id}/members/${demoted!.id}`, { role: 'observer' })
      .expect(200);
    addParagraph(d.doc, 'as an observer');
    await handledUpTo(d, c, 1);
    await settled(id);
    expect(d.provider.wsconnected).toBe(true);
    expect(textOf(c.doc)).toBe('while a member');
    expect(await stored(id)).toBe('while a member');
  });

  it('authenticates the upgrade with the session cookie; logout closes that session’s sockets (4401)', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const member = await addMember(t, coordinator, workspace.id, 'member');
    const browser = await loginWithCookies(t, member);
    const id = workspace.visionDocumentId!;
    const c = open(id, coordinator.token);
    const b = open(id, { cookie: browser.cookieHeader });
    await Promise.all([synced(c), synced(b)]);
    addParagraph(b.doc, 'from the browser');
    await until(c.doc, (d) => textOf(d) === 'from the browser');

    // The member's other session (registration's token) is not affected.
    const other = open(id, member.token);
    await synced(other);
    const closed = closedWith(b);
    await browser.agent.post('/api/auth/logout').set('x-csrf-token', browser.csrf).expect(204);
    expect(await closed).toBe(CollabCloseCode.UNAUTHENTICATED);
    expect(other.provider.wsconnected).toBe(true);
    const r = raw(`/collab/${id}`, { cookie: browser.cookieHeader });
    expect((await r.closed).code).toBe(CollabCloseCode.UNAUTHENTICATED);
  });
});

describe('collaboration access across two instances (e2e, real auth)', () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  const clients: Client[] = [];
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl } : {};
    const options = { imports: [collabOptionsModule({ unloadDelayMs: 50 })] };
    [a, b] = await Promise.all([startTestApp(env, options), startTestApp(env, options)]);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  (redisUrl ? it : it.skip)(
    'with REDIS_URL, a removal on one instance closes the socket on the other at once',
    async () => {
      const { coordinator, workspace, members } = await workspaceWithMembers(a, [
        'member',
        'member',
      ]);
      const id = workspace.visionDocumentId!;
      const demoted = connect(b, id, members[1]!.token);
      const removed = connect(b, id, members[0]!.token);
      const watcher = connect(b, id, coordinator.token);
      clients.push(demoted, removed, watcher);
      await Promise.all([synced(demoted), synced(removed), synced(watcher)]);

      const closed = closedWith(removed);
      await api(a, coordinator.token)
        .delete(`/api/workspaces/${workspace.id}/members/${members[0]!.id}`)
        .expect(204);
      expect(await closed).toBe(CollabCloseCode.FORBIDDEN);

      // The demotion travels through Redis too; wait for it to arrive on B before editing.
      const relayed = new Promise<void>((resolve) => {
        const collab = b.app.get(CollabService);
        const original = collab.closeOrDowngrade.bind(collab);
        jest.spyOn(collab, 'closeOrDowngrade').mockImplementation((...args) => {
          const n = original(...args);
          if (args[0] === members[1]!.id) resolve();
          return n;
        });
      });
      await api(a, coordinator.token)
        .patch(`/api/workspaces/${workspace.id}/members/${members[1]!.id}`, { role: 'observer' })
        .expect(200);
      await relayed;
      addParagraph(demoted.doc, 'dropped');
      demoted.provider.awareness.setLocalStateField('cursor', { step: 1 });
      await seesAwareness(watcher, (s) => (s.cursor as { step?: number } | undefined)?.step === 1);
      await b.app.get(CollabPersistenceService).drained();
      await b.app.get(CollabService).withDocument(id, (d) => d.idle());
      expect(textOf(watcher.doc)).toBe('');
    },
  );
});
