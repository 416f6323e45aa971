import { startTestApp, type TestApp } from '../../../test/test-app';
import { api, createPartner, workspaceWithMembers } from '../../../test/factories';

/**
 * Routes whose 404/403 depend on a row (`@ResourceAccess`) answer them before the body's or
 * query's 400, though the handler takes the input already parsed: 404 → 403 → 400.
 */
describe('@ResourceAccess precedence (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('unknown or malformed row ids are 404 before a bad body; a refused caller 403 before it', async () => {
    const { coordinator, workspace, members } = await workspaceWithMembers(t, ['observer']);
    const observer = members[0]!;
    const as = api(t, coordinator.token);
    const wid = workspace.id;
    const unknown = crypto.randomUUID();

    const experiments = `/api/workspaces/${wid}/experiments`;
    const made = await as.post(experiments, { title: 'Try' }).expect(201);
    for (const id of [unknown, 'not-an-id']) {
      await as.patch(`${experiments}/${id}`, { title: '' }).expect(404);
      await as.post(`${experiments}/${id}/learnings`, { text: '' }).expect(404);
    }
    await api(t, observer.token).patch(`${experiments}/${made.body.id}`, { title: '' }).expect(403);
    await as.patch(`${experiments}/${made.body.id}`, { title: '' }).expect(400);
    await as.post(`${experiments}/${made.body.id}/learnings`, { text: '' }).expect(400);

    const connections = `/api/workspaces/${wid}/connections`;
    await as.post(`${connections}/${unknown}/respond`, { accept: 'maybe' }).expect(404);
    await as.post(`${connections}/nope/respond`, {}).expect(404);

    const documents = `/api/workspaces/${wid}/documents`;
    await as.post(`${documents}/${unknown}/versions`, { label: '' }).expect(404);
    await as.get(`${documents}/${unknown}/export?format=pdf`).expect(404);
    const vision = `${documents}/${workspace.visionDocumentId}`;
    await as.post(`${vision}/versions`, { label: '' }).expect(400);
    await as.get(`${vision}/export?format=pdf`).expect(400);
    await api(t, observer.token).post(`${vision}/versions`, { label: '' }).expect(403);

    const partners = `/api/workspaces/${wid}/partners`;
    const { id: pid } = await createPartner(t, coordinator, wid);
    for (const id of [unknown, 'nope']) {
      await as.patch(`${partners}/${id}`, { tier: 'bogus' }).expect(404);
      await as.post(`${partners}/${id}/leave`, {}).expect(404);
      await as.put(`${partners}/${id}/delegation`, {}).expect(404);
    }
    const obs = api(t, observer.token);
    await obs.patch(`${partners}/${pid}`, { name: '' }).expect(403);
    await obs.post(`${partners}/${pid}/leave`, {}).expect(403);
    await obs.put(`${partners}/${pid}/delegation`, {}).expect(403);
    await as.patch(`${partners}/${pid}`, { tier: 'bogus' }).expect(400);
    await as.post(`${partners}/${pid}/leave`, {}).expect(400);
    await as.put(`${partners}/${pid}/delegation`, {}).expect(400);

    const threads = `/api/workspaces/${wid}/threads`;
    const opened = await as
      .post(threads, { subject: { type: 'experiment', id: made.body.id }, text: 'Why?' })
      .expect(201);
    const tp = `${threads}/${opened.body.id}`;
    const cid: string = opened.body.comments[0].id;
    for (const id of [unknown, 'nope']) {
      await as.patch(`${threads}/${id}`, { resolved: 'x' }).expect(404);
      await as.post(`${threads}/${id}/comments`, {}).expect(404);
      await as.patch(`${tp}/comments/${id}`, {}).expect(404);
    }
    await obs.patch(tp, { resolved: 'x' }).expect(403);
    await obs.post(`${tp}/comments`, {}).expect(403);
    await obs.patch(`${tp}/comments/${cid}`, {}).expect(403);
    await as.patch(tp, { resolved: 'x' }).expect(400);
    await as.post(`${tp}/comments`, {}).expect(400);
    await as.patch(`${tp}/comments/${cid}`, {}).expect(400);

    const proposals = `/api/workspaces/${wid}/proposals`;
    for (const id of [unknown, 'nope']) {
      for (const action of ['votes', 'advice', 'decide', 'statement']) {
        await as.post(`${proposals}/${id}/${action}`, { choice: 'maybe' }).expect(404);
      }
      await as.patch(`${proposals}/${id}`, { closesAt: 'soon' }).expect(404);
    }
    await obs.post(proposals, {}).expect(403);
    await obs.post(`${proposals}/preview`, {}).expect(403);
    await as.post(proposals, {}).expect(400);
    await as.post(`${proposals}/preview`, {}).expect(400);
  });
});
