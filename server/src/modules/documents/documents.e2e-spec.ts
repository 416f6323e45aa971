import type { ActivityEventDto } from '@coalesce/shared';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../../../test/test-app';
import {
  type Client,
  collabOptionsModule,
  connect,
  createDocument,
  randomId,
  synced,
  textOf,
  until,
} from '../../../test/collab';
import {
  api,
  connectSocket,
  joinWorkspace,
  nextEvent,
  registerUser,
  type TestSocket,
  workspaceWithMembers,
} from '../../../test/factories';
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

describe('documents, versions and export (e2e, real auth)', () => {
  let t: TestApp;
  const clients: Client[] = [];
  const sockets: TestSocket[] = [];
  /** Resolves once the server's committed copy satisfies `predicate`. */
  const serverHas = (id: string, predicate: (text: string) => boolean) =>
    t.app.get(CollabService).withDocument(id, (d) => until(d.doc, (doc) => predicate(textOf(doc))));

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [collabOptionsModule({ unloadDelayMs: 50 })] });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  it('creates, lists and reads documents; one vision per workspace; ids of other workspaces are 404', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const wid = workspace.id;
    const as = api(t, owner.token);
    // The workspace came with its vision document: a second one is a conflict.
    await as
      .post(`/api/workspaces/${wid}/documents`, { title: 'Another', kind: 'vision' })
      .expect(409);
    const bad = await as
      .post(`/api/workspaces/${wid}/documents`, { title: '', kind: 'poem' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'kind',
      'title',
    ]);
    const notes = await as
      .post(`/api/workspaces/${wid}/documents`, { title: 'Notes', kind: 'notes' })
      .expect(201);
    expect(notes.body).toMatchObject({
      workspaceId: wid,
      title: 'Notes',
      titleIsDefault: false,
      createdBy: owner.id,
    });
    expect(notes.body.createdAt).toMatch(/Z$/);

    const page1 = await as.get(`/api/workspaces/${wid}/documents?limit=1`).expect(200);
    expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([workspace.visionDocumentId]);
    // The vision's title is the system's: clients show it in their reader's language.
    expect(page1.body.items[0]).toMatchObject({ kind: 'vision', titleIsDefault: true });
    const page2 = await as
      .get(`/api/workspaces/${wid}/documents?limit=1&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: notes.body.id })],
      nextCursor: null,
    });
    await as.get(`/api/workspaces/${wid}/documents?cursor=zzz`).expect(400);
    await as.get(`/api/workspaces/${wid}/documents?limit=0`).expect(400);
    await as.get(`/api/workspaces/${wid}/documents/${notes.body.id}`).expect(200);
    await as.get(`/api/workspaces/${wid}/documents/${randomId()}`).expect(404);
    await as.get(`/api/workspaces/${wid}/documents/nope`).expect(404);

    // The same owner's document in ANOTHER workspace is not visible under this one.
    const other = await workspaceWithMembers(t);
    const foreign = await createDocument(t, {
      token: other.coordinator.token,
      workspaceId: other.workspace.id,
    });
    await as.get(`/api/workspaces/${wid}/documents/${foreign.id}`).expect(404);
    await as.get(`/api/workspaces/${wid}/documents/${foreign.id}/versions`).expect(404);
    await as
      .post(`/api/workspaces/${wid}/documents/${foreign.id}/versions`, { label: 'x' })
      .expect(404);
  });

  it('guards every route: 401 without credentials, 404 for non-members and malformed ids, 403 for observers that write', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, [
      'member',
      'observer',
    ]);
    const [member, observer] = members;
    const stranger = await registerUser(t);
    const wid = workspace.id;
    const did = workspace.visionDocumentId;
    const base = `/api/workspaces/${wid}/documents`;
    const v = await api(t, member!.token)
      .post(`${base}/${did}/versions`, { label: 'v' })
      .expect(201);
    expect(v.body.createdBy).toBe(member!.id);

    await api(t).get(base).expect(401);
    await api(t).post(`${base}/${did}/versions`, { label: 'x' }).expect(401);
    await api(t, 'not-a-token').get(base).expect(401);

    for (const path of [base, `${base}/${did}`, `${base}/${did}/versions`]) {
      await api(t, stranger.token).get(path).expect(404);
    }
    await api(t, stranger.token).post(`${base}/${did}/versions`, { label: 'x' }).expect(404);
    await api(t, stranger.token).post(`${base}/${did}/versions/${v.body.id}/restore`).expect(404);
    await api(t, coordinator.token).get(`/api/workspaces/nope/documents`).expect(404);
    await api(t, coordinator.token).get(`${base}/${did}/versions/nope`).expect(404);

    // Observers read everything …
    await api(t, observer!.token).get(base).expect(200);
    await api(t, observer!.token).get(`${base}/${did}/versions/${v.body.id}`).expect(200);
    await api(t, observer!.token).get(`${base}/${did}/export?format=markdown`).expect(200);
    // … and change nothing; 403 comes before validating the body (contract precedence).
    await api(t, observer!.token).post(base, { title: 'Mine', kind: 'notes' }).expect(403);
    await api(t, observer!.token).post(base, { kind: 'poem' }).expect(403);
    const refused = await api(t, observer!.token)
      .post(`${base}/${did}/versions`, { label: 'x' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await api(t, observer!.token).post(`${base}/${did}/versions/${v.body.id}/restore`).expect(403);
    await api(t, member!.token).post(`${base}/${did}/versions/${v.body.id}/restore`).expect(200);
  });

  it('creates, lists, reads and restores versions; clients see the restore live; each change is an activity event', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const wid = workspace.id;
    const as = api(t, owner.token);
    const socket = await connectSocket(t, { token: owner.token });
    sockets.push(socket);
    expect(await joinWorkspace(socket, wid)).toEqual({ ok: true });

    const createdEvent = nextEvent(socket, (e) => e.type === 'document.created');
    const { id } = await createDocument(t, { token: owner.token, workspaceId: wid });
    expect(await createdEvent).toMatchObject({ subjectId: id, actorId: owner.id });
    const base = `/api/workspaces/${wid}/documents/${id}`;
    const a = connect(t, id, owner.token);
    clients.push(a);
    await synced(a);
    writeContent(a.doc, 'Vision', 'We grow together');
    const persistence = t.app.get(CollabPersistenceService);
    // A version reads the server's committed copy: wait until it has the edit.
    await serverHas(id, (text) => text.endsWith('link'));

    const versionEvent = nextEvent(socket, (e) => e.type === 'document.version_created');
    const v1 = await as.post(`${base}/versions`, { label: 'first' }).expect(201);
    expect(v1.body).toMatchObject({ label: 'first', createdBy: owner.id });
    expect((await versionEvent).payload).toMatchObject({ versionId: v1.body.id, label: 'first' });
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
    await as.post(`${base}/versions`, { label: '' }).expect(400);
    await as.post(`/api/workspaces/${wid}/documents/${randomId()}/versions`, {}).expect(404);

    // Change the live content, then restore.
    a.doc.transact(() => {
      const f = a.doc.getXmlFragment('default');
      f.delete(0, f.length);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('changed')]);
      f.insert(0, [p]);
    });
    const list = await as.get(`${base}/versions`).expect(200);
    expect(list.body.items.map((v: { id: string }) => v.id)).toContain(v1.body.id);
    expect(list.body.nextCursor).toBeNull();
    const got = await as.get(`${base}/versions/${v1.body.id}`).expect(200);
    expect(got.body).toEqual(v1.body);
    await as.get(`${base}/versions/${randomId()}`).expect(404);

    await serverHas(id, (text) => text === 'changed');
    const restoredEvent = nextEvent(socket, (e) => e.type === 'document.restored');
    const restored = await as.post(`${base}/versions/${v1.body.id}/restore`).expect(200);
    expect(restored.body.id).toBe(v1.body.id);
    await until(a.doc, (d) => textOf(d) === 'Vision\nWe grow together bold link');
    expect((await restoredEvent).payload).toMatchObject({ versionId: v1.body.id, changed: true });

    // Stored like any update: a fresh load has it.
    const stored = await persistence.load(id);
    expect(textOf(stored)).toBe('Vision\nWe grow together bold link');
    stored.destroy();

    const log = await as.get(`/api/workspaces/${wid}/activity?type=document`).expect(200);
    const events = log.body.items as ActivityEventDto[];
    expect(events.map((e) => e.type)).toEqual([
      'document.restored',
      'document.version_created',
      'document.created',
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ actorId: owner.id, subjectType: 'document', subjectId: id });
    }
  });

  it('records nothing when a change fails, and the vision document is part of workspace.created', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const as = api(t, owner.token);
    const path = `/api/workspaces/${workspace.id}/activity`;
    await as
      .post(`/api/workspaces/${workspace.id}/documents`, { title: 'V', kind: 'vision' })
      .expect(409);
    const log = await as.get(path).expect(200);
    expect(log.body.items.map((e: ActivityEventDto) => e.type)).toEqual([
      'member.joined',
      'workspace.created',
    ]);
    expect(log.body.items[1].payload.visionDocumentId).toBe(workspace.visionDocumentId);
  });

  it('exports markdown and html; an unknown format is 400', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const wid = workspace.id;
    const as = api(t, owner.token);
    const { id } = await createDocument(t, { token: owner.token, workspaceId: wid });
    const base = `/api/workspaces/${wid}/documents/${id}`;
    const a = connect(t, id, owner.token);
    clients.push(a);
    await synced(a);
    writeContent(a.doc, 'Title', 'Text');
    await serverHas(id, (text) => text.endsWith('link'));
    const md = await as.get(`${base}/export?format=markdown`).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toBe('# Title\n\nText **bold** [link](https://example.org)\n');
    const html = await as.get(`${base}/export?format=html`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<h1>Title</h1>');
    await as.get(`${base}/export?format=pdf`).expect(400);
    await as.get(`${base}/export`).expect(400);
    await as.get(`/api/workspaces/${wid}/documents/${randomId()}/export?format=html`).expect(404);
  });

  it('exports hostile links and markup written over the socket as inert text', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const as = api(t, owner.token);
    const { id } = await createDocument(t, { token: owner.token, workspaceId: workspace.id });
    const base = `/api/workspaces/${workspace.id}/documents/${id}`;
    const a = connect(t, id, owner.token);
    clients.push(a);
    await synced(a);
    const breakout = 'https://ok.test/)[evil](javascript:alert(1))';
    a.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      const pt = new Y.XmlText();
      p.insert(0, [pt]);
      a.doc.getXmlFragment('default').insert(0, [p]);
      pt.insert(0, '<script>x</script> ');
      pt.insert(19, 'ok', { link: { href: breakout } });
      pt.insert(21, ' js', { link: { href: 'javascript:alert(1)' } });
      pt.insert(24, ' end', { 'zap--abc': {} });
    });
    await serverHas(id, (text) => text.endsWith('end'));
    const md = await as.get(`${base}/export?format=markdown`).expect(200);
    expect(md.text).toBe(
      '\\<script\\>x\\</script\\> [ok](https://ok.test/%29%5Bevil%5D%28javascript:alert%281%29%29) js end\n',
    );
    const html = await as.get(`${base}/export?format=html`).expect(200);
    expect(html.text).toContain(
      `<p>&lt;script&gt;x&lt;/script&gt; <a href="${breakout}" rel="noopener noreferrer nofollow">ok</a> js end</p>`,
    );
    expect(html.text).not.toContain('href="javascript:');
  });
});
