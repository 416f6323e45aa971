import { createDecoder, readVarUint } from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CollabProtocolError,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  inspectUpdate,
  plainBytes,
} from './collab-protocol.util';

const docWith = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
};

/** What the stock client sends, built with y-protocols itself. */
function clientFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('collab protocol', () => {
  it('decodes the messages the stock client sends', () => {
    const doc = docWith('hello');
    const step1 = clientFrame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1)).toEqual({
      kind: 'sync-step1',
      stateVector: Y.encodeStateVector(doc),
    });

    const update = Y.encodeStateAsUpdate(doc);
    const upd = clientFrame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    expect(decodeClientMessage(upd)).toEqual({ kind: 'update', update, empty: false });

    const step2 = clientFrame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, new Y.Doc());
    });
    expect(decodeClientMessage(step2)).toMatchObject({ kind: 'sync-step2', empty: true });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'A' } });
    const aw = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(decodeClientMessage(encodeAwareness(aw))).toEqual({
      kind: 'awareness',
      update: aw,
      entries: [
        { clientId: doc.clientID, clock: expect.any(Number), state: { user: { name: 'A' } } },
      ],
    });
    awareness.destroy();
    expect(decodeClientMessage(Uint8Array.from([3]))).toEqual({ kind: 'query-awareness' });
  });

  it('encodes what the stock client understands', () => {
    const server = docWith('server');
    const client = new Y.Doc();
    const reply = encoding.createEncoder();
    for (const frame of [encodeSyncStep2(server), encodeUpdate(Y.encodeStateAsUpdate(server))]) {
      const d = createDecoder(frame);
      expect(readVarUint(d)).toBe(0);
      syncProtocol.readSyncMessage(d, reply, client, null);
    }
    expect(client.getText('t').toString()).toBe('server');
    const d = createDecoder(encodeSyncStep1(server));
    readVarUint(d);
    expect(syncProtocol.readSyncMessage(d, encoding.createEncoder(), client, null)).toBe(0);
  });

  it.each([
    ['empty frame', []],
    ['unknown message type', [9]],
    ['unknown sync type', [0, 7, 0]],
    ['truncated payload', [0, 2, 10, 1, 2]],
    ['garbage update', [0, 2, 10, ...new Array<number>(10).fill(0xff)]],
    ['garbage state vector', [0, 0, 3, 0xff, 0xff, 0xff]],
    ['trailing bytes', [0, 2, 2, 0, 0, 42]],
    ['awareness with bad JSON', [1, 5, 1, 1, 1, 1, 0x7b]],
    ['query awareness with payload', [3, 1]],
  ])('refuses %s', (_what, bytes) => {
    expect(() => decodeClientMessage(Uint8Array.from(bytes))).toThrow(CollabProtocolError);
  });

  it('refuses a truncated real update', () => {
    const frame = encodeUpdate(Y.encodeStateAsUpdate(docWith('some text here')));
    for (let cut = 1; cut < frame.length; cut++) {
      expect(() => decodeClientMessage(frame.subarray(0, frame.length - cut))).toThrow(
        CollabProtocolError,
      );
    }
  });

  it('refuses, before storage, the corrupted updates Yjs would throw on while applying', () => {
    // Real updates with bytes flipped (seeded): whatever passes inspection must apply cleanly
    // to the document it came from; what Yjs would throw on must be refused here.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const f = doc.getXmlFragment('default');
    for (let i = 0; i < 6; i++) {
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      p.insert(0, [t]);
      f.insert(i % 2 ? 0 : f.length, [p]);
      t.insert(0, `line ${i}`, i % 2 ? { bold: {} } : undefined);
    }
    const state = Y.encodeStateAsUpdate(doc);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let refused = 0;
    for (let k = 0; k < 8_000; k++) {
      const u = Uint8Array.from(updates[rnd(updates.length)]!);
      for (let i = 0; i < 1 + rnd(4); i++) u[rnd(u.length)] = rnd(256);
      try {
        Y.decodeUpdate(u);
      } catch {
        continue;
      }
      let passed = true;
      try {
        inspectUpdate(u);
      } catch (err) {
        expect(err).toBeInstanceOf(CollabProtocolError);
        passed = false;
        refused++;
      }
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      if (passed) expect(() => Y.applyUpdate(copy, u)).not.toThrow();
      copy.destroy();
    }
    expect(refused).toBeGreaterThan(0);
    for (const u of updates) expect(() => inspectUpdate(u)).not.toThrow();
  });

  it('tells empty updates apart', () => {
    expect(inspectUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ empty: true });
    expect(inspectUpdate(Y.encodeStateAsUpdate(docWith('x')))).toEqual({ empty: false });
  });
});

describe('plainBytes', () => {
  it('keeps a plain Uint8Array as it is', () => {
    const u = new Uint8Array([1, 2, 3]);
    expect(plainBytes(u)).toBe(u);
  });

  it('turns a Buffer (or a slice of one) into a plain view of the same memory, no copy', () => {
    const buf = Buffer.from([9, 1, 2, 3, 9]).subarray(1, 4);
    const view = plainBytes(buf);
    expect(view.constructor).toBe(Uint8Array);
    expect([...view]).toEqual([1, 2, 3]);
    buf[0] = 7;
    expect(view[0]).toBe(7);
  });
});
