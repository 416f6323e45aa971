import { DataSource } from 'typeorm';
import * as Y from 'yjs';
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
import type { CollabOptions } from './collab.options';
import { CollabPersistenceService } from './collab-persistence.service';
import { CollabService } from './collab.service';
import { docToProseMirror } from '../document-content.util';

describe('collaboration durability (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  auth.grant('alice', { userId: 'u-alice', role: 'write' });
  auth.grant('bob', { userId: 'u-bob', role: 'write' });
  const apps: TestApp[] = [];
  const clients: Client[] = [];
  const start = async (options: Partial<CollabOptions> = {}) => {
    const t = await startTestApp(
      {},
      collabTestModule(auth, { unloadDelayMs: 50, squashIdleMs: 600_000, ...options }),
    );
    apps.push(t);
    return t;
  };
  const open = (t: TestApp, id: string, token = 'alice') => {
    const c = connect(t, id, token);
    clients.push(c);
    return c;
  };
  const rows = async (t: TestApp, id: string): Promise<number> => {
    const [r] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "document_updates" WHERE "documentId" = $1`, [id]);
    return (r as { n: number }).n;
  };
  const storedText = async (t: TestApp, id: string) => {
    const doc = await t.app.get(CollabPersistenceService).load(id);
    try {
      return textOf(doc);
    } finally {
      doc.destroy();
    }
  };

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    for (const t of apps.splice(0)) await t.close();
  });

  it('commits an update before any peer receives it', async () => {
    const t = await start();
    const { id } = await createDocument(t);
    const a = open(t, id);
    const b = open(t, id, 'bob');
    await Promise.all([synced(a), synced(b)]);

    // A slow disk: each commit takes 50 ms more, so a broadcast that did not wait would show.
    const persistence = t.app.get(CollabPersistenceService) as unknown as {
      insert(batch: unknown[]): Promise<unknown>;
    };
    const insert = persistence.insert.bind(persistence);
    jest.spyOn(persistence, 'insert').mockImplementation(async (batch) => {
      await new Promise((r) => setTimeout(r, 50));
      return insert(batch);
    });
    const checks: Promise<{ had: string[]; stored: string[] }>[] = [];
    b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== b.provider) return;
      // Queried the moment the peer has it: everything it has must already be in the log.
      const had = textOf(b.doc).split('\n');
      checks.push(storedText(t, id).then((s) => ({ had, stored: s.split('\n') })));
    });
    for (let i = 1; i <= 5; i++) addParagraph(a.doc, `line ${i}`);
    await until(b.doc, (d) => textOf(d).includes('line 5'));
    const seen = await Promise.all(checks);
    expect(seen.length).toBeGreaterThan(0);
    for (const { had, stored } of seen) expect(stored).toEqual(expect.arrayContaining(had));
  });

  it('a restarted server loads snapshot + tail identically', async () => {
    const first = await start();
    const { id } = await createDocument(first);
    const a = open(first, id);
    await synced(a);
    addParagraph(a.doc, 'one', { bold: {} });
    addParagraph(a.doc, 'two');
    await first.app
      .get(CollabService)
      .withDocument(id, (d) => until(d.doc, (doc) => textOf(doc) === 'one\ntwo'));
    // Part of it squashed, part of it still in the log.
    expect(await first.app.get(CollabPersistenceService).squash(id)).toBeGreaterThan(0);
    addParagraph(a.doc, 'three');
    await first.app.get(CollabService).withDocument(id, async (d) => {
      await until(d.doc, (doc) => textOf(doc).includes('three'));
    });
    expect(await rows(first, id)).toBeGreaterThan(0);
    const expected = docToProseMirror(a.doc);
    a.destroy();
    clients.splice(0);
    await first.close();
    apps.splice(0);

    const second = await start();
    const b = open(second, id, 'bob');
    await synced(b);
    await until(b.doc, (d) => textOf(d).includes('three'));
    expect(docToProseMirror(b.doc)).toEqual(expected);
    expect(textOf(b.doc)).toBe('one\ntwo\nthree');
  });

  it('squashes by count and by idle time without changing the content', async () => {
    const t = await start({ squashEveryUpdates: 10, squashIdleMs: 200 });
    const persistence = t.app.get(CollabPersistenceService);
    const { id } = await createDocument(t);
    const a = open(t, id);
    await synced(a);

    const byCount = persistence.whenSquashed(id);
    for (let i = 0; i < 25; i++) addParagraph(a.doc, `p${i}`);
    expect(await byCount).toBeGreaterThanOrEqual(10);
    // The rest goes once the document is idle.
    await t.app.get(CollabService).withDocument(id, async (d) => {
      await until(d.doc, (doc) => textOf(doc).includes('p24'));
      await d.idle();
    });
    for (;;) {
      const next = persistence.whenSquashed(id);
      if ((await rows(t, id)) === 0) break;
      await next;
    }

    const [snap] = await t.app
      .get(DataSource)
      .query(`SELECT "upToSeq" FROM "document_snapshots" WHERE "documentId" = $1`, [id]);
    expect(snap).toBeDefined();
    expect(await storedText(t, id)).toBe(textOf(a.doc));

    // A late joiner gets it all from the squashed state.
    const b = open(t, id, 'bob');
    await synced(b);
    expect(textOf(b.doc)).toBe(textOf(a.doc));
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('unloads an idle document after its last client leaves, and reloads it', async () => {
    const t = await start();
    const collab = t.app.get(CollabService);
    const { id } = await createDocument(t);
    const a = open(t, id);
    await synced(a);
    addParagraph(a.doc, 'kept');
    await collab.withDocument(id, (d) => until(d.doc, (doc) => textOf(doc) === 'kept'));
    expect(collab.isLoaded(id)).toBe(true);
    a.destroy();
    clients.splice(0);
    await collab.unloaded(id);
    expect(collab.isLoaded(id)).toBe(false);

    const b = open(t, id, 'bob');
    await synced(b);
    expect(textOf(b.doc)).toBe('kept');
  });

  it('keeps memory bounded: many documents come and go', async () => {
    const t = await start();
    const collab = t.app.get(CollabService);
    const docs = await Promise.all(Array.from({ length: 20 }, () => createDocument(t)));
    const opened = docs.map((d) => open(t, d.id));
    await Promise.all(opened.map(synced));
    opened.forEach((c, i) => addParagraph(c.doc, `doc ${i}`));
    await Promise.all(
      docs.map((d, i) =>
        collab.withDocument(d.id, (x) => until(x.doc, (doc) => textOf(doc) === `doc ${i}`)),
      ),
    );
    expect(collab.stats().documents).toBe(20);
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(docs.map((d) => collab.unloaded(d.id)));
    expect(collab.stats()).toEqual({ documents: 0, connections: 0 });
  });
});
