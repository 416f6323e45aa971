import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { registerUser } from '../support/api.ts';
import {
  createTestDatabase,
  startServer,
  type ServerHandle,
  type TestDatabase,
} from '../support/server.ts';

const UPDATES = 1000;
let db: TestDatabase;
const cleanups: (() => void)[] = [];
after(async () => {
  for (const c of cleanups) c();
  await db?.drop();
});

function connect(server: ServerHandle, docId: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    disableBc: true,
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  return { provider, doc };
}

const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) =>
    p.synced ? resolve() : p.once('sync', (s: boolean) => s && resolve()),
  );

function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

test('SIGKILL after 1,000 updates loses nothing a peer has seen; the writer restores the rest', async () => {
  db = await createTestDatabase();
  let server = await startServer(db.env);
  const u = await registerUser(server.url, 'Writer');
  const ws = await u.api.req<{ visionDocumentId: string }>('POST', '/workspaces', {
    name: 'Crash test',
  });
  const docId = ws.visionDocumentId;
  const token = u.api.token!;

  const writer = connect(server, docId, token);
  const peer = connect(server, docId, token);
  await Promise.all([synced(writer.provider), synced(peer.provider)]);

  const log = writer.doc.getArray<number>('log');
  for (let i = 0; i < UPDATES; i++) log.push([i]);
  // The writer's last update has left its socket; kill at once, as a crash would.
  await server.kill();
  const seenByPeer = peer.doc.getArray<number>('log').toArray();
  writer.provider.disconnect();
  peer.provider.disconnect();

  server = await startServer(db.env);
  try {
    const fresh = connect(server, docId, token);
    await synced(fresh.provider);
    const recovered = new Set(fresh.doc.getArray<number>('log').toArray());
    const lost = seenByPeer.filter((v) => !recovered.has(v));
    assert.deepEqual(lost, [], `updates a peer saw were lost: ${lost.length}`);
    console.log(
      `peer had seen ${seenByPeer.length}/${UPDATES}; recovered after restart ${recovered.size}`,
    );

    // The writer still holds everything; reconnecting merges what the crash cut off.
    const back = connect(server, docId, token, writer.doc);
    await synced(back.provider);
    await until(
      () => fresh.doc.getArray('log').length === UPDATES,
      'all updates after the writer reconnects',
    );
    assert.deepEqual(
      [...fresh.doc.getArray<number>('log').toArray()].sort((a, b) => a - b),
      Array.from({ length: UPDATES }, (_, i) => i),
    );
  } finally {
    for (const c of cleanups.splice(0)) c();
    await server.stop();
  }
});
