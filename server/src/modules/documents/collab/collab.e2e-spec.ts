import { CollabCloseCode, LIMITS } from '@coalesce/shared';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  addParagraph,
  type Client,
  closedWith,
  collabTestModule,
  connect,
  createDocument,
  rawConnect,
  type RawClient,
  seesAwareness,
  synced,
  TestCollabAuthenticator,
  textOf,
  until,
} from '../../../../test/collab';
import { CollabPersistenceService } from './collab-persistence.service';
import { encodeUpdate } from './collab-protocol.util';
import { CollabGateway } from './collab.gateway';
import { CollabService } from './collab.service';

describe('collaboration socket (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const clients: Client[] = [];
  const open = (documentId: string, token: string) => {
    const c = connect(t, documentId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    auth.grant('bob', { userId: 'u-bob', role: 'write' });
    auth.grant('carol', { userId: 'u-carol', role: 'write' });
    auth.grant('olga', { userId: 'u-olga', role: 'read' });
    auth.grant('nina', { userId: 'u-nina', role: 'none' });
    t = await startTestApp({}, collabTestModule(auth, { unloadDelayMs: 50 }));
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(() => t.close());

  it('two providers converge; a third joining late receives everything', async () => {
    const { id } = await createDocument(t);
    const a = open(id, 'alice');
    const b = open(id, 'bob');
    await Promise.all([synced(a), synced(b)]);
    addParagraph(a.doc, 'from alice');
    addParagraph(b.doc, 'from bob');
    const both = (d: typeof a.doc) =>
      textOf(d).includes('from alice') && textOf(d).includes('from bob');
    await Promise.all([until(a.doc, both), until(b.doc, both)]);
    expect(textOf(a.doc)).toBe(textOf(b.doc));

    const c = open(id, 'carol');
    await synced(c);
    await until(c.doc, both);
    expect(textOf(c.doc)).toBe(textOf(a.doc));
  });

  it.each([
    ['no token', '', CollabCloseCode.UNAUTHENTICATED],
    ['a bad token', 'nope', CollabCloseCode.UNAUTHENTICATED],
    ['a non-member', 'nina', CollabCloseCode.FORBIDDEN],
  ])('refuses %s before sending anything', async (_what, token, code) => {
    const { id } = await createDocument(t);
    const raw = rawConnect(t, `/collab/${id}${token ? `?token=${token}` : ''}`);
    const closed = await raw.closed;
    expect(closed.code).toBe(code);
    expect(raw.messages).toHaveLength(0);
  });

  it.each([
    ['an unknown document', crypto.randomUUID()],
    ['a malformed id', 'not-a-uuid'],
  ])('refuses %s with 4404 before sending anything', async (_what, id) => {
    const raw = rawConnect(t, `/collab/${id}?token=alice`);
    const closed = await raw.closed;
    expect(closed.code).toBe(CollabCloseCode.NOT_FOUND);
    expect(raw.messages).toHaveLength(0);
  });

  it('the stock provider stops on a refusal', async () => {
    const { id } = await createDocument(t);
    const c = open(id, 'nope');
    expect(await closedWith(c)).toBe(CollabCloseCode.UNAUTHENTICATED);
  });
});

describe('collaboration: observers, bad input, membership changes (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  let persistence: CollabPersistenceService;
  let collab: CollabService;
  const clients: Client[] = [];
  const raws: RawClient[] = [];
  const open = (documentId: string, token: string) => {
    const c = connect(t, documentId, token);
    clients.push(c);
    return c;
  };
  const raw = (path: string) => {
    const r = rawConnect(t, path);
    raws.push(r);
    return r;
  };
  /** The content as stored: snapshot + log, read from the database. */
  const stored = async (id: string) => {
    const doc = await persistence.load(id);
    try {
      return textOf(doc);
    } finally {
      doc.destroy();
    }
  };
  /** Every write the server accepted so far is committed and applied. */
  const settled = async (id: string) => {
    await persistence.drained();
    await collab.withDocument(id, (d) => d.idle());
  };

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    auth.grant('bob', { userId: 'u-bob', role: 'write' });
    auth.grant('olga', { userId: 'u-olga', role: 'read' });
    t = await startTestApp({}, collabTestModule(auth, { unloadDelayMs: 50 }));
    persistence = t.app.get(CollabPersistenceService);
    collab = t.app.get(CollabService);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
    raws.splice(0).forEach((r) => r.ws.terminate());
  });
  afterAll(() => t.close());

  it('drops an observer’s edits (not applied, broadcast nor stored) but relays its presence', async () => {
    const { id } = await createDocument(t);
    const w = open(id, 'alice');
    const o = open(id, 'olga');
    await Promise.all([synced(w), synced(o)]);

    addParagraph(w.doc, 'writer text');
    await until(o.doc, (d) => textOf(d).includes('writer text'));

    addParagraph(o.doc, 'observer text');
    o.provider.awareness.setLocalStateField('cursor', { step: 1 });
    // The server handles a socket's frames in order: once Olga's presence arrives, her edit
    // was handled too; once settled, anything accepted would be stored and sent already.
    await seesAwareness(w, (s) => (s.cursor as { step?: number } | undefined)?.step === 1);
    await settled(id);
    o.provider.awareness.setLocalStateField('cursor', { step: 2 });
    await seesAwareness(w, (s) => (s.cursor as { step?: number } | undefined)?.step === 2);

    expect(o.provider.wsconnected).toBe(true);
    expect(textOf(w.doc)).toBe('writer text');
    expect(await stored(id)).toBe('writer text');
    expect(await collab.withDocument(id, (d) => textOf(d.doc))).toBe('writer text');
  });

  it('closes only the offending socket on garbage, truncation, text frames and oversize frames', async () => {
    const { id } = await createDocument(t);
    const a = open(id, 'alice');
    const b = open(id, 'bob');
    await Promise.all([synced(a), synced(b)]);
    addParagraph(a.doc, 'before');
    await until(b.doc, (d) => textOf(d) === 'before');

    const scratch = new Y.Doc();
    addParagraph(scratch, 'smuggled');
    const realMessage = encodeUpdate(Y.encodeStateAsUpdate(scratch));
    scratch.destroy();
    const cases: [string, (ws: RawClient['ws']) => void, number][] = [
      ['unknown type', (ws) => ws.send(Uint8Array.from([7, 1, 2, 3])), CollabCloseCode.MALFORMED],
      [
        'garbage update',
        (ws) => ws.send(Uint8Array.from([0, 2, 10, ...new Array<number>(10).fill(0xff)])),
        CollabCloseCode.MALFORMED,
      ],
      [
        'truncated',
        (ws) => ws.send(realMessage.subarray(0, realMessage.length - 3)),
        CollabCloseCode.MALFORMED,
      ],
      ['text frame', (ws) => ws.send('hello'), CollabCloseCode.MALFORMED],
      [
        'oversize',
        (ws) => ws.send(new Uint8Array(LIMITS.collabFrameMaxBytes + 1)),
        CollabCloseCode.TOO_LARGE,
      ],
    ];
    for (const [what, send, code] of cases) {
      const r = raw(`/collab/${id}?token=alice`);
      await r.next(); // attached: the server's sync step 1
      send(r.ws);
      const closed = await r.closed;
      expect({ what, code: closed.code }).toEqual({ what, code });
    }

    addParagraph(b.doc, 'after');
    await until(a.doc, (d) => textOf(d) === 'before\nafter');
    await settled(id);
    expect(await stored(id)).toBe('before\nafter');
    expect(textOf(b.doc)).toBe('before\nafter');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('reads nothing before authentication, then handles the waiting frames in order', async () => {
    const { id } = await createDocument(t);
    let release!: () => void;
    auth.grant('slow', {
      userId: 'u-slow',
      role: 'write',
      gate: new Promise<void>((r) => (release = r)),
    });
    const sv = new Y.Doc();
    const step1 = Uint8Array.from([0, 0, ...varBytes(Y.encodeStateVector(sv))]);
    sv.destroy();
    const gateway = t.app.get(CollabGateway);

    const waiting = raw(`/collab/${id}?token=slow`);
    await waiting.opened;
    waiting.ws.send(step1);
    // A megabyte of junk while authenticating: it stays in the kernel, not in the server.
    const junk = raw(`/collab/${id}?token=slow`);
    await junk.opened;
    for (let i = 0; i < 4; i++) junk.ws.send(new Uint8Array(256 * 1024).fill(7));
    await new Promise<void>((resolve) => junk.ws.send(Uint8Array.from([3]), () => resolve()));
    // A third socket's round trip: the server had every chance to read the first two.
    const probe = raw(`/collab/${id}?token=alice`);
    await probe.next();
    expect(gateway.preAuth.stats()).toEqual({ sockets: 2, bytes: 0, addresses: 1 });
    expect(waiting.messages).toHaveLength(0);

    release();
    const first = await waiting.next();
    const second = waiting.messages.length > 1 ? waiting.messages[1]! : await waiting.next();
    expect([first[0], first[1]]).toEqual([0, 0]); // our step 1
    expect([second[0], second[1]]).toEqual([0, 1]); // the reply to the waiting step 1
    expect((await junk.closed).code).toBe(CollabCloseCode.MALFORMED); // read only now
    expect(gateway.preAuth.stats()).toEqual({ sockets: 0, bytes: 0, addresses: 0 });
  });

  it('applies an access change that lands while the socket is still authenticating', async () => {
    const { id, workspaceId } = await createDocument(t);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    auth.grant('racing', { userId: 'u-racing', role: 'write', gate });
    auth.grant('racing-2', { userId: 'u-racing-2', role: 'write', gate });
    const removed = raw(`/collab/${id}?token=racing`);
    const demoted = open(id, 'racing-2');
    await removed.opened;
    await new Promise<void>((resolve) =>
      demoted.provider.wsconnected
        ? resolve()
        : demoted.provider.on('status', ({ status }) => status === 'connected' && resolve()),
    );
    // The authenticator read "write" before these changes; they must still win.
    expect(collab.closeOrDowngrade('u-racing', workspaceId, null)).toBe(0);
    expect(collab.closeOrDowngrade('u-racing-2', workspaceId, 'read')).toBe(0);
    release();
    expect((await removed.closed).code).toBe(CollabCloseCode.FORBIDDEN);
    expect(removed.messages).toHaveLength(0);
    await synced(demoted);
    const b = open(id, 'bob');
    await synced(b);
    addParagraph(demoted.doc, 'dropped');
    demoted.provider.awareness.setLocalStateField('cursor', { step: 1 });
    await seesAwareness(b, (s) => (s.cursor as { step?: number } | undefined)?.step === 1);
    await settled(id);
    expect(await stored(id)).toBe('');
  });

  it('closes a removed member with 4403 and turns a demoted one into an observer', async () => {
    const { id, workspaceId } = await createDocument(t);
    const a = open(id, 'alice');
    const b = open(id, 'bob');
    await Promise.all([synced(a), synced(b)]);

    expect(collab.closeOrDowngrade('u-alice', workspaceId, 'read')).toBe(1);
    addParagraph(a.doc, 'after demotion');
    a.provider.awareness.setLocalStateField('cursor', { step: 1 });
    await seesAwareness(b, (s) => (s.cursor as { step?: number } | undefined)?.step === 1);
    await settled(id);
    expect(await stored(id)).toBe('');
    expect(textOf(b.doc)).toBe('');

    expect(collab.closeOrDowngrade('u-alice', crypto.randomUUID(), null)).toBe(0);
    const closed = closedWith(a);
    expect(collab.closeOrDowngrade('u-alice', workspaceId, null)).toBe(1);
    expect(await closed).toBe(CollabCloseCode.FORBIDDEN);
    expect(b.provider.wsconnected).toBe(true);
  });
});

describe('collaboration: keepalive (e2e)', () => {
  it('terminates a peer that stops answering pings', async () => {
    const auth = new TestCollabAuthenticator();
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    const t = await startTestApp({}, collabTestModule(auth, { pingIntervalMs: 50 }));
    try {
      const { id } = await createDocument(t);
      const r = rawConnect(t, `/collab/${id}?token=alice`, { autoPong: false });
      await r.opened;
      expect((await r.closed).code).toBe(1006);
    } finally {
      await t.close();
    }
  });
});

function varBytes(payload: Uint8Array): number[] {
  const out: number[] = [];
  let n = payload.length;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...payload];
}
