import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  type Client,
  collabTestModule,
  connect,
  createDocument,
  rawConnect,
  type RawClient,
  seesAwareness,
  synced,
  TestCollabAuthenticator,
} from '../../../../test/collab';
import { encodeAwarenessEntries } from './collab-awareness.util';
import { encodeAwareness } from './collab-protocol.util';
import { CollabService } from './collab.service';

type State = Record<string, unknown>;
const stepOf = (s: State) => (s.cursor as { step?: number } | undefined)?.step;

/** Presence is bound to the account, with the stock y-websocket provider on every side. */
describe('collaboration: presence bound to its user (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const clients: Client[] = [];
  const raws: RawClient[] = [];
  const open = (documentId: string, token: string) => {
    const c = connect(t, documentId, token);
    clients.push(c);
    return c;
  };
  /** Everything `c` sent before is handled once its next step reaches `peer` (frames in order). */
  const handledUpTo = async (c: Client, peer: Client, step: number) => {
    c.provider.awareness.setLocalStateField('cursor', { step });
    await seesAwareness(peer, (s) => stepOf(s) === step);
  };

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write', name: 'Alice' });
    auth.grant('bob', { userId: 'u-bob', role: 'write', name: 'Bob' });
    auth.grant('mallory', { userId: 'u-mallory', role: 'write', name: 'Mallory' });
    auth.grant('olga', { userId: 'u-olga', role: 'read', name: 'Olga' });
    t = await startTestApp(
      {},
      collabTestModule(auth, { awarenessPerSecond: 10, awarenessBytesPerSecond: 8 * 1024 }),
    );
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
    raws.splice(0).forEach((r) => r.ws.terminate());
  });
  afterAll(() => t.close());

  it('shows the account name and colour, whatever the client claims', async () => {
    const { id } = await createDocument(t);
    const bob = open(id, 'bob');
    const mallory = open(id, 'mallory');
    await Promise.all([synced(bob), synced(mallory)]);
    mallory.provider.awareness.setLocalState({
      user: { name: 'Alice', color: '#000000' },
      cursor: { step: 1 },
      extra: 'x'.repeat(100),
    });
    await seesAwareness(bob, (s) => stepOf(s) === 1);
    const seen = bob.provider.awareness.getStates().get(mallory.doc.clientID)!;
    expect(seen).toEqual({
      // Not the claimed '#000000' (not a palette colour): one the document gave this socket.
      user: { name: 'Mallory', color: expect.stringMatching(/^#[0-9a-f]{6}$/), since: 0 },
      cursor: { step: 1 },
    });
  });

  it("never relays an update for another connection's client id: neither a new name nor a removal", async () => {
    const { id } = await createDocument(t);
    const alice = open(id, 'alice');
    const bob = open(id, 'bob');
    const mallory = open(id, 'mallory');
    await Promise.all([synced(alice), synced(bob), synced(mallory)]);
    await handledUpTo(alice, bob, 1);
    await handledUpTo(mallory, bob, 1);
    const aliceId = alice.doc.clientID;
    const clock = (c: Client) => c.provider.awareness.meta.get(aliceId)?.clock ?? 0;
    const forged = (state: unknown) =>
      encodeAwareness(
        encodeAwarenessEntries([{ clientId: aliceId, clock: clock(bob) + 5, state }]),
      );
    mallory.provider.ws!.send(forged({ user: { name: 'HIJACKED' }, cursor: { step: 99 } }));
    mallory.provider.ws!.send(forged(null));
    await handledUpTo(mallory, bob, 2);

    const states = bob.provider.awareness.getStates();
    expect(states.get(aliceId)).toEqual({
      user: { name: 'Alice', color: expect.stringMatching(/^#[0-9a-f]{6}$/), since: 0 },
      cursor: { step: 1 },
    });
    expect([...states.values()].some((s) => JSON.stringify(s).includes('HIJACKED'))).toBe(false);
    // Alice herself is unaffected and still moves.
    await handledUpTo(alice, bob, 3);
  });

  it("cuts an observer's awareness flood: peers receive a bounded trickle", async () => {
    const { id } = await createDocument(t);
    const olga = open(id, 'olga');
    await synced(olga);
    const watcher = rawConnect(t, `/collab/${id}?token=bob`);
    raws.push(watcher);
    await watcher.next(); // attached
    let received = 0;
    watcher.ws.on('message', (m: Buffer) => (received += m.length));

    const collab = t.app.get(CollabService);
    const before = { ...collab.counters };
    const N = 1_000;
    const pad = 'p'.repeat(3_000);
    let sent = 0;
    const started = Date.now();
    for (let i = 0; i < N; i++) {
      olga.provider.awareness.setLocalStateField('cursor', { i, pad });
      sent += pad.length;
    }
    // Wait for the server to have handled every frame (counted), not for a fixed time.
    await new Promise<void>((resolve) => {
      const check = () =>
        collab.counters.frames - before.frames >= N ? resolve() : setImmediate(check);
      check();
    });
    const seconds = (Date.now() - started) / 1000;
    const dropped = collab.counters.awarenessDropped - before.awarenessDropped;
    expect(dropped).toBeGreaterThan(N * 0.8);
    // Burst (2 s of rate) plus the rate for the time it took, with room for encoding.
    const allowance = (2 + seconds) * 8 * 1024 + 4 * 1024;
    expect(received).toBeLessThan(allowance);
    expect(received).toBeLessThan(sent / 20);
  });
});
