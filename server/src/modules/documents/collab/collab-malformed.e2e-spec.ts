/**
 * Protocol fuzzing under load: 20 authenticated members' sockets send ≥ 10,000 malformed
 * y-protocol frames (random bytes, truncated varints, unknown message types, sync messages with
 * garbage updates, oversized lengths, bad awareness, text frames, over-limit frames) while two
 * honest stock providers edit the same document. Each malformed frame must close only its own
 * socket (the attacker reconnects and goes on); the server stays up, the honest clients never
 * lose their connection and converge, and the stored document (reloaded from the log) holds
 * exactly their text.
 *
 * The attackers speak WebSocket on bare TCP sockets (a few dozen lines below): they share this
 * process with the server, and the stock `ws` client costs as much per handshake as the server
 * does, which halved the rate at which the server could be attacked.
 */
import { connect as tcpConnect } from 'node:net';
import { CollabCloseCode, LIMITS } from '@coalesce/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  addParagraph,
  type Client,
  collabTestModule,
  connect,
  createDocument,
  synced,
  TestCollabAuthenticator,
  textOf,
  until,
} from '../../../../test/collab';
import { decodeClientMessage, MessageType, SyncMessageType } from './collab-protocol.util';
import { CollabPersistenceService } from './collab-persistence.service';
import { CollabService } from './collab.service';

const ATTACKERS = 20;
const FRAMES = 10_000;
// An idle 2-core machine needs well under a minute; generous for one shared with other work.
const DEADLINE_MS = 150_000;
/** Each honest client writes this many paragraphs, spread over the attack. */
const EDITS = 25;
/** Frames over the contract's size limit (each is 2 MiB on the wire: a few only). */
const OVERSIZED = 20;
const OVERSIZED_BODY = Buffer.alloc(LIMITS.collabFrameMaxBytes + 1024);

/** A small seeded PRNG (mulberry32): a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** A client → server WebSocket frame; masked (as RFC 6455 requires) with a zero key. */
function wsFrame(opcode: number, payload: Uint8Array, declaredLength = payload.byteLength): Buffer {
  const n = declaredLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = Buffer.alloc(head + 4 + payload.byteLength);
  out[0] = 0x80 | opcode;
  if (n < 126) out[1] = 0x80 | n;
  else if (n < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  out.set(payload, head + 4);
  return out;
}

const OPCODE = { text: 0x1, binary: 0x2, close: 0x8 } as const;
const WHEN = ['attached', 'request', 'attached', 'upgraded'] as const;

/** What one attacker socket ended with. */
type Outcome =
  | { refused: number } // the upgrade was answered with this HTTP status
  | { code: number }; // the server's close code (1006: the connection dropped without one)

/**
 * When the frame goes out: in the same write as the upgrade request (the server reads it with
 * the request), right after the 101 (queued while authenticating), or once attached (the
 * server's sync step 1 arrived).
 */
type When = 'request' | 'upgraded' | 'attached';

/**
 * One attacker socket: the upgrade request, then `frame` (see When), then the server's close
 * frame is answered and the socket ended, as a well-behaved client would.
 */
function attackOnce(port: number, path: string, frame: Buffer[], when: When): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let status: number | undefined;
    let code: number | undefined;
    let sent = false;
    let buf: Buffer = Buffer.alloc(0);
    const send = () => {
      sent = true;
      for (const part of frame) socket.write(part);
    };
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    // Bounded: a socket the server never closes fails the test below instead of hanging it.
    const timer = setTimeout(() => socket.destroy(), 20_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(
        status !== undefined && status !== 101 ? { refused: status } : { code: code ?? 1006 },
      );
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
    if (when === 'request') send();
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (status === undefined) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        status = Number(buf.toString('latin1', 9, 12));
        buf = buf.subarray(end + 4);
        if (status !== 101) return void socket.end();
        if (when === 'upgraded') send();
      }
      // Server frames are not masked.
      while (buf.length >= 2 && code === undefined) {
        const len7 = buf[1]! & 0x7f;
        const head = len7 < 126 ? 2 : len7 === 126 ? 4 : 10;
        if (buf.length < head) return;
        const n =
          len7 < 126 ? len7 : len7 === 126 ? buf.readUInt16BE(2) : Number(buf.readBigUInt64BE(2));
        if (buf.length < head + n) return;
        const opcode = buf[0]! & 0x0f;
        const payload = buf.subarray(head, head + n);
        buf = buf.subarray(head + n);
        if (opcode === OPCODE.close) {
          code = n >= 2 ? payload.readUInt16BE(0) : 1005;
          socket.end(wsFrame(OPCODE.close, payload.subarray(0, 2)));
        } else if (!sent) send(); // attached: the server's sync step 1
      }
    });
  });
}

function isMalformed(f: Uint8Array): boolean {
  try {
    decodeClientMessage(f);
    return false;
  } catch {
    return true;
  }
}

type Kind = 'binary' | 'text' | 'oversized';

/**
 * Corruptions of real updates that decode but make Yjs throw when applied to `doc`. The server
 * stores an update before applying it: these once reached the log (see inspectUpdate).
 */
function refusedUpdates(rnd: ReturnType<typeof prng>, doc: Y.Doc, samples: Uint8Array[]) {
  const state = Y.encodeStateAsUpdate(doc);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 200_000 && out.length < 20; i++) {
    const u = Uint8Array.from(samples[rnd.int(samples.length)]!);
    for (let k = 0; k < 1 + rnd.int(4); k++) u[rnd.int(u.byteLength)] = rnd.int(256);
    try {
      Y.decodeUpdate(u);
    } catch {
      continue;
    }
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    try {
      Y.applyUpdate(copy, u);
    } catch {
      // The server refuses these from their bytes alone (whatever the document's state).
      if (
        isMalformed(
          frame((e) => {
            encoding.writeVarUint(e, MessageType.SYNC);
            encoding.writeVarUint(e, SyncMessageType.UPDATE);
            encoding.writeVarUint8Array(e, u);
          }),
        )
      )
        out.push(u);
    }
    copy.destroy();
  }
  return out;
}

/** The malformed frame generators; `sample` is a real update (to truncate and corrupt). */
function generators(rnd: ReturnType<typeof prng>, sample: () => Uint8Array, refused: Uint8Array[]) {
  const gens: Record<string, () => Uint8Array> = {
    randomBytes: () => rnd.bytes(1 + rnd.int(200)),
    empty: () => new Uint8Array(0),
    truncatedVarint: () => {
      const head = [[], [MessageType.SYNC], [MessageType.SYNC, SyncMessageType.UPDATE]][
        rnd.int(3)
      ]!;
      return Uint8Array.from([...head, ...Array.from({ length: 1 + rnd.int(6) }, () => 0x80)]);
    },
    unknownMessageType: () =>
      frame((e) => {
        // 2 is y-protocols' auth message, which this server does not speak.
        encoding.writeVarUint(e, [MessageType.AUTH, 4 + rnd.int(100_000)][rnd.int(2)]!);
        encoding.writeUint8Array(e, rnd.bytes(rnd.int(40)));
      }),
    unknownSyncType: () =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, 3 + rnd.int(1000));
        encoding.writeVarUint8Array(e, rnd.bytes(rnd.int(40)));
      }),
    garbageUpdate: () =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, [SyncMessageType.UPDATE, SyncMessageType.STEP2][rnd.int(2)]!);
        encoding.writeVarUint8Array(e, rnd.bytes(1 + rnd.int(300)));
      }),
    truncatedUpdate: () => {
      const u = sample();
      return frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, SyncMessageType.UPDATE);
        encoding.writeVarUint8Array(e, u.subarray(0, Math.max(1, rnd.int(u.byteLength))));
      });
    },
    corruptedUpdate: () => {
      const u = Uint8Array.from(sample());
      for (let i = 0; i < 1 + rnd.int(4); i++) u[rnd.int(u.byteLength)] = rnd.int(256);
      return frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, SyncMessageType.UPDATE);
        encoding.writeVarUint8Array(e, u);
      });
    },
    // Well-formed Yjs that Yjs itself refuses to apply (it throws while integrating).
    refusedUpdate: () =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, SyncMessageType.UPDATE);
        encoding.writeVarUint8Array(e, refused[rnd.int(refused.length)]!);
      }),
    garbageStateVector: () =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.SYNC);
        encoding.writeVarUint(e, SyncMessageType.STEP1);
        encoding.writeVarUint8Array(e, Uint8Array.from([0x85, ...rnd.bytes(rnd.int(8))]));
      }),
    oversizedLength: () =>
      frame((e) => {
        const kind = rnd.int(2) ? MessageType.SYNC : MessageType.AWARENESS;
        encoding.writeVarUint(e, kind);
        if (kind === MessageType.SYNC) encoding.writeVarUint(e, SyncMessageType.UPDATE);
        // Claims up to 4 GiB; carries a few bytes.
        encoding.writeVarUint(e, 2 ** 20 + rnd.int(2 ** 32 - 2 ** 20));
        encoding.writeUint8Array(e, rnd.bytes(rnd.int(16)));
      }),
    trailingBytes: () =>
      [
        Uint8Array.from([MessageType.QUERY_AWARENESS, ...rnd.bytes(1 + rnd.int(8))]),
        Uint8Array.from([
          MessageType.SYNC,
          SyncMessageType.STEP1,
          1,
          0,
          ...rnd.bytes(1 + rnd.int(8)),
        ]),
      ][rnd.int(2)]!,
    garbageAwareness: () =>
      frame((e) => {
        encoding.writeVarUint(e, MessageType.AWARENESS);
        const body = frame((b) => {
          encoding.writeVarUint(b, 1);
          encoding.writeVarUint(b, rnd.int(2 ** 30));
          encoding.writeVarUint(b, rnd.int(100));
          encoding.writeVarString(
            b,
            ['{"cursor":', 'not json', '{"user":{}}}', '\u0000'][rnd.int(4)]!,
          );
        });
        encoding.writeVarUint8Array(e, rnd.int(2) ? body : rnd.bytes(1 + rnd.int(60)));
      }),
  };
  const names = Object.keys(gens);
  return (): { name: string; bytes: Uint8Array } => {
    for (;;) {
      const name = names[rnd.int(names.length)]!;
      const bytes = gens[name]!();
      // Random bytes are, rarely, a valid message: those are not what this test sends.
      if (isMalformed(bytes)) return { name, bytes };
    }
  };
}

describe('collaboration socket under malformed frames (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const honest: Client[] = [];

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    auth.grant('bob', { userId: 'u-bob', role: 'write' });
    for (let i = 0; i < ATTACKERS; i++) {
      auth.grant(`attacker-${i}`, { userId: `u-attacker-${i}`, role: 'write' });
    }
    t = await startTestApp({}, collabTestModule(auth, { unloadDelayMs: 50 }));
  });
  afterAll(async () => {
    honest.splice(0).forEach((c) => c.destroy());
    await t.close();
  });

  it(`survives ${FRAMES} malformed frames from ${ATTACKERS} members while two clients edit`, async () => {
    const { id } = await createDocument(t);
    const a = connect(t, id, 'alice');
    const b = connect(t, id, 'bob');
    honest.push(a, b);
    const honestCloses: number[] = [];
    for (const c of [a, b]) {
      c.provider.on('connection-close', (event) => {
        if (event) honestCloses.push(event.code);
      });
    }
    await Promise.all([synced(a), synced(b)]);

    // Real updates to truncate and corrupt: what the honest clients send.
    const samples: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => samples.length < 50 && samples.push(u));
    const expected: string[] = [];
    for (let i = 0; i < 5; i++) {
      addParagraph(a.doc, `alice start ${i}`, i % 2 ? { bold: {} } : undefined);
      expected.push(`alice start ${i}`);
    }
    const rnd = prng(0xc0a1e5ce);
    const refused = refusedUpdates(rnd, a.doc, samples);
    expect(refused.length).toBeGreaterThan(0);
    const next = generators(rnd, () => samples[rnd.int(samples.length)]!, refused);

    let sent = 0;
    let edits = 0;
    const closes = new Map<number, number>();
    const kinds = new Map<string, number>();
    const refusals = new Map<number, number>();
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const deadline = started + DEADLINE_MS - 10_000;
    let oversizedLeft = OVERSIZED;
    let textLeft = 50;

    /** The honest clients edit as the attack progresses (one paragraph each per step). */
    const maybeEdit = () => {
      while (edits < EDITS && sent >= ((edits + 1) * FRAMES) / (EDITS + 1)) {
        const la = `alice ${edits}`;
        const lb = `bob ${edits}`;
        addParagraph(a.doc, la);
        addParagraph(b.doc, lb, { italic: {} });
        expected.push(la, lb);
        edits++;
      }
    };

    const attacker = async (i: number) => {
      let round = 0;
      const path = `/collab/${id}?token=attacker-${i}`;
      while (sent < FRAMES && Date.now() < deadline) {
        let kind: Kind = 'binary';
        if (oversizedLeft > 0 && rnd.int(400) === 0) kind = 'oversized';
        else if (textLeft > 0 && rnd.int(150) === 0) kind = 'text';
        let frame: Buffer[];
        if (kind === 'oversized') {
          oversizedLeft--;
          const length = LIMITS.collabFrameMaxBytes + 1 + rnd.int(1024);
          // Declared and sent in full: the server refuses it from its header alone.
          frame = [
            wsFrame(OPCODE.binary, new Uint8Array(0), length),
            OVERSIZED_BODY.subarray(0, length),
          ];
        } else if (kind === 'text') {
          textLeft--;
          frame = [wsFrame(OPCODE.text, Buffer.from('{"type":"sync"}'))];
        } else {
          const f = next();
          kinds.set(f.name, (kinds.get(f.name) ?? 0) + 1);
          frame = [wsFrame(OPCODE.binary, f.bytes)];
        }
        // Half the rounds wait until attached; the others pipeline with the handshake (an
        // over-limit frame sent with the request would be refused with the upgrade: 413).
        let when = WHEN[round++ % WHEN.length]!;
        if (when === 'request' && kind === 'oversized') when = 'upgraded';
        const outcome = await attackOnce(t.port, path, frame, when);
        if ('refused' in outcome) {
          // A refused upgrade (the frame never reached a socket): counted, and the next round.
          refusals.set(outcome.refused, (refusals.get(outcome.refused) ?? 0) + 1);
          continue;
        }
        sent++;
        maybeEdit();
        closes.set(outcome.code, (closes.get(outcome.code) ?? 0) + 1);
      }
    };

    const health = async () => {
      const res = await request(`http://127.0.0.1:${t.port}`).get('/api/health');
      return res.status;
    };
    const healthDuring: number[] = [];
    let attacking = true;
    const probe = (async () => {
      // Health is asked every 20 ms for as long as the attack runs (back to back, the probe
      // would compete with the attackers for this one process).
      while (attacking) {
        healthDuring.push(await health());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await Promise.all(Array.from({ length: ATTACKERS }, (_, i) => attacker(i)));
    attacking = false;
    await probe;
    const elapsed = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    process.stdout.write(
      `collab malformed frames: ${JSON.stringify({
        frames: sent,
        seconds: elapsed / 1000,
        framesPerSecond: Math.round((sent / elapsed) * 1000),
        // This process's CPU (server and attackers) per frame.
        cpuMsPerFrame: +((cpu.user + cpu.system) / 1000 / sent).toFixed(2),
        closes: Object.fromEntries(closes),
        refusals: Object.fromEntries(refusals),
        healthPolls: healthDuring.length,
      })}\n`,
    );

    expect(sent).toBeGreaterThanOrEqual(FRAMES);
    expect(elapsed).toBeLessThan(DEADLINE_MS);
    // Every malformed frame closed its own socket: 4400, or 4413 for an over-limit frame.
    expect([...closes.keys()].sort()).toEqual(
      [
        CollabCloseCode.MALFORMED,
        ...(OVERSIZED - oversizedLeft ? [CollabCloseCode.TOO_LARGE] : []),
      ].sort(),
    );
    expect(closes.get(CollabCloseCode.TOO_LARGE) ?? 0).toBe(OVERSIZED - oversizedLeft);
    expect(kinds.size).toBe(13); // every generator was used
    // The per-address cap on sockets still authenticating may refuse an upgrade (429): rare.
    expect([...refusals.values()].reduce((x, y) => x + y, 0)).toBeLessThan(FRAMES / 100);

    // The server never went down, nor the honest clients' sockets.
    expect(healthDuring.length).toBeGreaterThan(0);
    expect(healthDuring.every((s) => s === 200)).toBe(true);
    expect(await health()).toBe(200);
    expect(honestCloses).toEqual([]);

    // Converged, with exactly the honest text (paragraph order is the CRDT's).
    const all = (doc: Y.Doc) => expected.every((line) => textOf(doc).split('\n').includes(line));
    await Promise.all([until(a.doc, all), until(b.doc, all)]);
    expect(textOf(a.doc)).toBe(textOf(b.doc));
    expect(textOf(a.doc).split('\n').sort()).toEqual([...expected].sort());
    const service = t.app.get(CollabService);
    const live = await service.withDocument(id, (d) => textOf(d.doc));
    expect(live).toBe(textOf(a.doc));

    // And so is what was stored: reloaded from the update log once everyone left.
    const text = textOf(a.doc);
    honest.splice(0).forEach((c) => c.destroy());
    await service.unloaded(id);
    const stored = await t.app.get(CollabPersistenceService).load(id);
    expect(textOf(stored)).toBe(text);
    expect(await service.withDocument(id, (d) => textOf(d.doc))).toBe(text);
  }, 180_000);
});
