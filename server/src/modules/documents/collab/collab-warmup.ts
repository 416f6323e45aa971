import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './collab-protocol.util';

/**
 * Runs the Yjs and protocol code a document load and its first sync go through (decode and
 * integrate a snapshot plus a tail of small updates, state vectors, sync step 2, awareness) on a
 * throwaway document, a few times, at start-up. Without it the first load after a restart runs
 * that code unoptimised: measured at ~3× the time of the same load in a warm process.
 */
export function warmUpYjs(rounds = 8, items = 6_000): void {
  // One source document with the usual kinds of content: a bulk part written in a few big
  // transactions, then small updates as clients send them (the tail of a load).
  const source = new Y.Doc();
  const arr = source.getArray<unknown>('a');
  const text = source.getText('t');
  const map = source.getMap<unknown>('m');
  const fragment = source.getXmlFragment('prosemirror');
  const edit = (i: number) => {
    arr.push([i % 3 === 0 ? { s: i, t: i / 7 } : i]);
    if (i % 4 === 0) text.insert(text.length, i % 8 ? 'ab' : 'c');
    if (i % 50 === 0) {
      map.set(`k${i % 7}`, { i, on: i % 2 === 0 });
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`line ${i}`)]);
      fragment.insert(fragment.length, [p]);
    }
  };
  const bulk = items - 200;
  for (let i = 0; i < bulk; i += 500) {
    const chunk = Array.from({ length: Math.min(500, bulk - i) }, (_, j) =>
      (i + j) % 3 === 0 ? { s: i + j, t: (i + j) / 7 } : i + j,
    );
    arr.push(chunk);
    text.insert(text.length, 'abc'.repeat(chunk.length >> 2));
    map.set(`k${i % 7}`, { i, on: i % 2 === 0 });
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`line ${i}`)]);
    fragment.insert(fragment.length, [p]);
  }
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = bulk; i < items; i++) edit(i);
  arr.delete(0, 10);
  text.delete(0, 5);
  const state = Y.encodeStateAsUpdate(source);
  const tail = updates.slice(-50);
  const client = new Y.Doc();
  const clientStep1 = encodeSyncStep1(client); // what a new client sends first
  const awareness = new awarenessProtocol.Awareness(client);
  awareness.setLocalState({ user: { name: 'warm-up' }, cursor: null });
  const aw = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [client.clientID]));

  for (let r = 0; r < rounds; r++) {
    // A load: snapshot + tail, as CollabPersistenceService.load applies them.
    const loaded = new Y.Doc();
    loaded.transact(() => {
      Y.applyUpdate(loaded, state);
      for (const u of tail) Y.applyUpdate(loaded, u);
    });
    // The handshake and a few updates through the strict decoder.
    encodeSyncStep1(loaded);
    decodeClientMessage(clientStep1);
    encodeSyncStep2(loaded, Y.encodeStateVector(client));
    for (const u of tail) decodeClientMessage(encodeUpdate(u));
    const remote = new awarenessProtocol.Awareness(loaded);
    const { update } = decodeClientMessage(aw) as { update: Uint8Array };
    awarenessProtocol.applyAwarenessUpdate(remote, update, null);
    remote.destroy();
    loaded.destroy();
  }
  Y.mergeUpdates(updates);
  awareness.destroy();
  client.destroy();
  source.destroy();
}
