import { startTestApp, type TestApp } from '../../../test/test-app';
import { api, workspaceWithMembers } from '../../../test/factories';
import { encodeCursor } from './cursor';

/**
 * `keysetPage(…, {seek: 'row'})` over a real list (documents, oldest first): rows created within
 * one millisecond still page without gaps or repeats, and a cursor naming a row outside the
 * list is a 400 naming `cursor`.
 */
describe('keyset pagination by row (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('pages through every row once and refuses foreign cursors', async () => {
    const { coordinator, workspace } = await workspaceWithMembers(t);
    const other = await workspaceWithMembers(t);
    const as = api(t, coordinator.token);
    const base = `/api/workspaces/${workspace.id}/documents`;
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        as.post(base, { title: `Notes ${i}`, kind: 'notes' }).expect(201),
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await as.get(`${base}?limit=2${query}`).expect(200);
      seen.push(...page.body.items.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(
      new Set([workspace.visionDocumentId, ...created.map((r) => r.body.id as string)]),
    );

    const foreign = encodeCursor([other.workspace.visionDocumentId as string]);
    const refused = await as.get(`${base}?cursor=${foreign}`).expect(400);
    expect(refused.body.details).toEqual([
      { path: ['cursor'], message: expect.any(String), rule: 'invalid_cursor' },
    ]);
  });
});
