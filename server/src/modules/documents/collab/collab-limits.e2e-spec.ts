import { connect as tcpConnect, type Socket } from 'node:net';
import { CollabCloseCode } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  addParagraph,
  type Client,
  collabTestModule,
  connect,
  createDocument,
  synced,
  textOf,
  until,
  rawConnect,
  type RawClient,
  TestCollabAuthenticator,
} from '../../../../test/collab';
import { CollabPersistenceService } from './collab-persistence.service';
import { CollabGateway } from './collab.gateway';
import { CollabService } from './collab.service';

/** An upgrade request written by hand, optionally with bytes pipelined behind it. */
function upgrade(t: TestApp, path: string, pipelined?: Buffer): Socket {
  const socket = tcpConnect(t.port, '127.0.0.1');
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nUpgrade: websocket\r\n` +
      'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
  if (pipelined) socket.write(pipelined);
  return socket;
}

/** A client frame (binary, masked with a zero key so the payload goes out unchanged). */
function frameHeader(length: number): Buffer {
  const h = Buffer.alloc(14);
  h[0] = 0x82;
  h[1] = 0x80 | 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h; // the last 4 bytes: the zero mask
}

/** Everything the server sent until it closed the connection. */
function received(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks))));
}

describe('collaboration: limits before authentication (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const raws: RawClient[] = [];
  const sockets: Socket[] = [];
  const raw = (path: string) => {
    const r = rawConnect(t, path);
    raws.push(r);
    return r;
  };

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    t = await startTestApp(
      { COLLAB_PREAUTH_PER_ADDRESS: '2', COLLAB_PREAUTH_MAX_BYTES: '4096' },
      {
        ...collabTestModule(auth),
      },
    );
  });
  afterEach(() => {
    raws.splice(0).forEach((r) => r.ws.terminate());
    sockets.splice(0).forEach((s) => s.destroy());
  });
  afterAll(() => t.close());

  it('refuses a third socket authenticating from the same address with 429', async () => {
    const { id } = await createDocument(t);
    let release!: () => void;
    auth.grant('gated', {
      userId: 'u-gated',
      role: 'write',
      gate: new Promise<void>((r) => (release = r)),
    });
    const a = raw(`/collab/${id}?token=gated`);
    const b = raw(`/collab/${id}?token=gated`);
    await Promise.all([a.opened, b.opened]);
    const c = raw(`/collab/${id}?token=gated`);
    c.opened.catch(() => undefined);
    const status = await new Promise<number>((resolve) =>
      c.ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(429);

    release();
    await Promise.all([a.next(), b.next()]);
    expect(t.app.get(CollabGateway).preAuth.stats().sockets).toBe(0);
    const d = raw(`/collab/${id}?token=alice`);
    await d.next(); // attached
  });

  it('refuses an upgrade with more than the per-socket limit pipelined behind it', async () => {
    const { id } = await createDocument(t);
    const payload = Buffer.alloc(64 * 1024, 1);
    const s = upgrade(
      t,
      `/collab/${id}?token=alice`,
      Buffer.concat([frameHeader(payload.length), payload]),
    );
    sockets.push(s);
    const answer = (await received(s)).toString('latin1');
    expect(answer.startsWith('HTTP/1.1 413') || answer === '').toBe(true);
    expect(answer).not.toContain('101 Switching Protocols');
  });

  it('sends a refused socket its close code and never reads what it keeps sending', async () => {
    const { id } = await createDocument(t);
    const s = upgrade(t, `/collab/${id}?token=nope`);
    sockets.push(s);
    const all = received(s);
    const gate = t.app.get(CollabGateway).preAuth;
    await new Promise<void>((resolve) => s.once('data', () => resolve())); // 101
    const payload = Buffer.alloc(2 * 1024 * 1024, 1);
    s.write(frameHeader(payload.length));
    s.write(payload);
    s.write(frameHeader(payload.length));
    s.write(payload);
    let whileOpen: ReturnType<typeof gate.stats> | undefined;
    s.once('end', () => (whileOpen = gate.stats())); // the server's FIN, after its close frame
    const started = Date.now();
    const bytes = await all;
    const close = bytes.indexOf(Buffer.from([0x88]));
    expect(close).toBeGreaterThan(0);
    expect(bytes.readUInt16BE(close + 2)).toBe(CollabCloseCode.UNAUTHENTICATED);
    // Not a byte of the 4 MB was read, yet the socket is gone within its linger.
    expect(whileOpen).toEqual({ sockets: 1, bytes: 0, addresses: 1 });
    for (const t0 = Date.now(); gate.stats().sockets > 0 && Date.now() - t0 < 5_000;) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(gate.stats()).toEqual({ sockets: 0, bytes: 0, addresses: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('collaboration: per-user write limits (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    auth.grant('bob', { userId: 'u-bob', role: 'write' });
    t = await startTestApp({}, collabTestModule(auth, { updatesPerSecond: 20 }));
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(() => t.close());

  it('drops updates over the limit and resyncs the writer: nothing is lost, only later', async () => {
    const { id } = await createDocument(t);
    const a = connect(t, id, 'alice');
    const b = connect(t, id, 'bob');
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const collab = t.app.get(CollabService);
    const before = collab.counters.updatesDropped;
    const N = 200;
    // One update message each: far over 20 per second (bursts of 40).
    for (let i = 0; i < N; i++) addParagraph(a.doc, `line ${i}`);
    await until(b.doc, (d) => textOf(d).split('\n').length === N);
    expect(collab.counters.updatesDropped - before).toBeGreaterThan(N / 2);
    expect(textOf(b.doc)).toBe(textOf(a.doc));
    await t.app.get(CollabPersistenceService).drained();
    const stored = await t.app.get(CollabPersistenceService).load(id);
    expect(textOf(stored)).toBe(textOf(a.doc));
    stored.destroy();
    expect(a.provider.wsconnected).toBe(true);
  });
});
