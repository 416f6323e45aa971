import request from 'supertest';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  type Client,
  collabTestModule,
  connect,
  createDocument,
  randomId,
  synced,
  TestCollabAuthenticator,
  textOf,
  until,
} from '../../../test/collab';
import { CollabPersistenceService } from './collab/collab-persistence.service';
import { CollabService } from './collab/collab.service';

/** Writes a small Tiptap document: a heading and a paragraph with bold and a link. */
function writeContent(doc: Y.Doc, heading: string, body: string) {
  doc.transact(() => {
    const f = doc.getXmlFragment('default');
    if (f.length) f.delete(0, f.length);
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 1 as unknown as string);
    const ht = new Y.XmlText();
    h.insert(0, [ht]);
    const p = new Y.XmlElement('paragraph');
    const pt = new Y.XmlText();
    p.insert(0, [pt]);
    f.insert(0, [h, p]);
    ht.insert(0, heading);
    pt.insert(0, body);
    pt.insert(body.length, ' bold', { bold: {} });
    pt.insert(body.length + 5, ' link', { link: { href: 'https://example.org' } });
  });
}

describe('documents, versions and export (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  auth.grant('alice', { userId: 'u-alice', role: 'write' });
  let t: TestApp;
  const clients: Client[] = [];
  const api = () => request(t.baseUrl);
  /** Resolves once the server's committed copy satisfies `predicate`. */
  const serverHas = (id: string, predicate: (text: string) => boolean) =>
    t.app.get(CollabService).withDocument(id, (d) => until(d.doc, (doc) => predicate(textOf(doc))));

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [collabTestModule(auth, { unloadDelayMs: 50 })] });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(() => t.close());

  it('creates, lists and reads documents; one vision per workspace', async () => {
    const wid = randomId();
    const vision = await api()
      .post(`/api/workspaces/${wid}/documents`)
      .send({ title: 'Our vision', kind: 'vision' })
      .expect(201);
    expect(vision.body).toMatchObject({ workspaceId: wid, title: 'Our vision', kind: 'vision' });
    expect(vision.body.createdAt).toMatch(/Z$/);
    await api()
      .post(`/api/workspaces/${wid}/documents`)
      .send({ title: 'Another', kind: 'vision' })
      .expect(409);
    const bad = await api()
      .post(`/api/workspaces/${wid}/documents`)
      .send({ title: '', kind: 'poem' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'kind',
      'title',
    ]);
    const notes = await createDocument(t, wid);

    const page1 = await api().get(`/api/workspaces/${wid}/documents?limit=1`).expect(200);
    expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([vision.body.id]);
    const page2 = await api()
      .get(`/api/workspaces/${wid}/documents?limit=1&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: notes.id })],
      nextCursor: null,
    });
    await api().get(`/api/workspaces/${wid}/documents?cursor=zzz`).expect(400);
    await api().get(`/api/workspaces/${wid}/documents?limit=0`).expect(400);

    await api().get(`/api/workspaces/${wid}/documents/${notes.id}`).expect(200);
    await api().get(`/api/workspaces/${randomId()}/documents/${notes.id}`).expect(404);
    await api().get(`/api/workspaces/${wid}/documents/${randomId()}`).expect(404);
    await api().get(`/api/workspaces/${wid}/documents/nope`).expect(404);
  });

  it('creates, lists, reads and restores versions; clients see the restore live', async () => {
    const { id, workspaceId: wid } = await createDocument(t);
    const base = `/api/workspaces/${wid}/documents/${id}`;
    const a = connect(t, id, 'alice');
    clients.push(a);
    await synced(a);
    writeContent(a.doc, 'Vision', 'We grow together');
    const persistence = t.app.get(CollabPersistenceService);
    // A version reads the server's committed copy: wait until it has the edit.
    await serverHas(id, (text) => text.endsWith('link'));

    const v1 = await api().post(`${base}/versions`).send({ label: 'first' }).expect(201);
    expect(v1.body).toMatchObject({ label: 'first', createdBy: null });
    expect(v1.body.json).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Vision' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'We grow together' },
            { type: 'text', text: ' bold', marks: [{ type: 'bold' }] },
            {
              type: 'text',
              text: ' link',
              marks: [{ type: 'link', attrs: { href: 'https://example.org' } }],
            },
          ],
        },
      ],
    });
    expect(v1.body.html).toBe(
      '<h1>Vision</h1><p>We grow together<strong> bold</strong><a href="https://example.org" rel="noopener noreferrer nofollow"> link</a></p>',
    );
    await api().post(`${base}/versions`).send({ label: '' }).expect(400);
    await api()
      .post(`/api/workspaces/${wid}/documents/${randomId()}/versions`)
      .send({})
      .expect(404);

    // Change the live content, then restore.
    a.doc.transact(() => {
      const f = a.doc.getXmlFragment('default');
      f.delete(0, f.length);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('changed')]);
      f.insert(0, [p]);
    });
    const list = await api().get(`${base}/versions`).expect(200);
    expect(list.body.items.map((v: { id: string }) => v.id)).toContain(v1.body.id);
    expect(list.body.nextCursor).toBeNull();
    const got = await api().get(`${base}/versions/${v1.body.id}`).expect(200);
    expect(got.body).toEqual(v1.body);
    await api().get(`${base}/versions/${randomId()}`).expect(404);

    await serverHas(id, (text) => text === 'changed');
    const restored = await api().post(`${base}/versions/${v1.body.id}/restore`).expect(200);
    expect(restored.body.id).toBe(v1.body.id);
    await until(a.doc, (d) => textOf(d) === 'Vision\nWe grow together bold link');

    // Stored like any update: a fresh load has it.
    const stored = await persistence.load(id);
    expect(textOf(stored)).toBe('Vision\nWe grow together bold link');
    stored.destroy();
  });

  it('exports markdown and html; an unknown format is 400', async () => {
    const { id, workspaceId: wid } = await createDocument(t);
    const base = `/api/workspaces/${wid}/documents/${id}`;
    const a = connect(t, id, 'alice');
    clients.push(a);
    await synced(a);
    writeContent(a.doc, 'Title', 'Text');
    await serverHas(id, (text) => text.endsWith('link'));
    const md = await api().get(`${base}/export?format=markdown`).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toBe('# Title\n\nText **bold** [link](https://example.org)\n');
    const html = await api().get(`${base}/export?format=html`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<h1>Title</h1>');
    await api().get(`${base}/export?format=pdf`).expect(400);
    await api().get(`${base}/export`).expect(400);
    await api()
      .get(`/api/workspaces/${wid}/documents/${randomId()}/export?format=html`)
      .expect(404);
  });
});
