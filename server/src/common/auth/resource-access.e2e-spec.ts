import { startTestApp, type TestApp } from '../../../test/test-app';
import { api, workspaceWithMembers } from '../../../test/factories';

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
  });
});
