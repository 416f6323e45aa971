import { documentDiffSchema, type DocumentDiffDto } from '@coalesce/shared';
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
import { api, registerUser, workspaceWithMembers } from '../../../test/factories';
import { CollabService } from './collab/collab.service';

/** Replaces the content with a heading and paragraphs (each paragraph one Y.XmlText). */
function write(doc: Y.Doc, heading: string, paragraphs: string[]) {
  doc.transact(() => {
    const f = doc.getXmlFragment('default');
    if (f.length) f.delete(0, f.length);
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 1 as unknown as string);
    h.insert(0, [new Y.XmlText(heading)]);
    const ps = paragraphs.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    });
    f.insert(0, [h, ...ps]);
  });
}

const summary = (d: DocumentDiffDto) =>
  d.blocks.map((b) => `${b.type}:${b.segments.map((s) => `${s.op[0]}(${s.text})`).join('')}`);

describe('document version diff (e2e, real auth)', () => {
  let t: TestApp;
  const clients: Client[] = [];
  const serverHas = (id: string, predicate: (text: string) => boolean) =>
    t.app.get(CollabService).withDocument(id, (d) => until(d.doc, (doc) => predicate(textOf(doc))));

  beforeAll(async () => {
    t = await startTestApp({}, { imports: [collabOptionsModule({ unloadDelayMs: 50 })] });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(() => t.close());

  it('compares a version with the live document and with another version', async () => {
    const { coordinator: owner, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const wid = workspace.id;
    const as = api(t, owner.token);
    const { id } = await createDocument(t, { token: owner.token, workspaceId: wid });
    const base = `/api/workspaces/${wid}/documents/${id}`;
    const a = connect(t, id, owner.token);
    clients.push(a);
    await synced(a);

    write(a.doc, 'Vision', ['We share one river.', 'Old closing words.']);
    await serverHas(id, (text) => text.endsWith('Old closing words.'));
    const v1 = await as.post(`${base}/versions`, { label: 'first' }).expect(201);

    write(a.doc, 'Vision', ['A new opening.', 'We share the river.']);
    await serverHas(id, (text) => text.endsWith('We share the river.'));

    const live = await as.get(`${base}/versions/${v1.body.id}/diff?to=current`).expect(200);
    expect(documentDiffSchema.parse(live.body)).toEqual(live.body);
    expect(live.body.from).toEqual({
      id: v1.body.id,
      label: 'first',
      createdAt: v1.body.createdAt,
    });
    expect(live.body.to).toEqual({ id: null, label: null, createdAt: null });
    expect(summary(live.body)).toEqual([
      'unchanged:e(Vision)',
      'inserted:i(A new opening.)',
      'changed:e(We share )d(one)i(the)e( river.)',
      'deleted:d(Old closing words.)',
    ]);
    expect(live.body.stats).toEqual({ unchanged: 1, inserted: 1, deleted: 1, changed: 1 });
    expect(live.body.blocks[0]).toMatchObject({ blockType: 'heading', level: 1, context: [] });
    // `to` defaults to the live document.
    const byDefault = await as.get(`${base}/versions/${v1.body.id}/diff`).expect(200);
    expect(byDefault.body).toEqual(live.body);

    const v2 = await as.post(`${base}/versions`, { label: 'second' }).expect(201);
    const between = await as
      .get(`${base}/versions/${v1.body.id}/diff?to=${v2.body.id}`)
      .expect(200);
    expect(summary(between.body)).toEqual(summary(live.body));
    expect(between.body.to).toEqual({
      id: v2.body.id,
      label: 'second',
      createdAt: v2.body.createdAt,
    });
    // The other way round: what was inserted is now deleted.
    const back = await as.get(`${base}/versions/${v2.body.id}/diff?to=${v1.body.id}`).expect(200);
    expect(summary(back.body)).toEqual([
      'unchanged:e(Vision)',
      'deleted:d(A new opening.)',
      'changed:e(We share )d(the)i(one)e( river.)',
      'inserted:i(Old closing words.)',
    ]);
    const same = await as.get(`${base}/versions/${v2.body.id}/diff?to=current`).expect(200);
    expect(same.body.stats).toEqual({ unchanged: 3, inserted: 0, deleted: 0, changed: 0 });

    // Observers read it like any version.
    const [observer] = members;
    await api(t, observer!.token).get(`${base}/versions/${v1.body.id}/diff`).expect(200);
  });

  it('400 for a malformed `to`, 404 for unknown or foreign versions, 401/404 for outsiders', async () => {
    const { coordinator: owner, workspace } = await workspaceWithMembers(t);
    const wid = workspace.id;
    const as = api(t, owner.token);
    const did = workspace.visionDocumentId;
    const base = `/api/workspaces/${wid}/documents/${did}`;
    const v = await as.post(`${base}/versions`, { label: 'v' }).expect(201);
    const other = await createDocument(t, { token: owner.token, workspaceId: wid });
    const foreign = await as
      .post(`/api/workspaces/${wid}/documents/${other.id}/versions`, { label: 'other' })
      .expect(201);

    for (const to of ['nope', '', 'CURRENT', `${randomId()}x`]) {
      const bad = await as
        .get(`${base}/versions/${v.body.id}/diff?to=${encodeURIComponent(to)}`)
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details[0].path).toEqual(['to']);
    }
    await as.get(`${base}/versions/${v.body.id}/diff?to=${randomId()}`).expect(404);
    // A version of another document is not a version of this one, on either side.
    await as.get(`${base}/versions/${v.body.id}/diff?to=${foreign.body.id}`).expect(404);
    await as.get(`${base}/versions/${foreign.body.id}/diff?to=current`).expect(404);
    // 404 comes before 400: an unknown version with a malformed `to`.
    await as.get(`${base}/versions/${randomId()}/diff?to=nope`).expect(404);
    await as.get(`${base}/versions/nope/diff`).expect(404);
    await as
      .get(`/api/workspaces/${wid}/documents/${randomId()}/versions/${v.body.id}/diff`)
      .expect(404);

    await api(t).get(`${base}/versions/${v.body.id}/diff`).expect(401);
    const stranger = await registerUser(t);
    await api(t, stranger.token).get(`${base}/versions/${v.body.id}/diff?to=nope`).expect(404);
    // The same document id under another workspace of the caller is 404.
    const second = await workspaceWithMembers(t);
    await api(t, second.coordinator.token)
      .get(`/api/workspaces/${second.workspace.id}/documents/${did}/versions/${v.body.id}/diff`)
      .expect(404);
  });
});
