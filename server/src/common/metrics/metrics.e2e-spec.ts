import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { addParagraph, connect, synced, textOf, until } from '../../../test/collab';
import { createWorkspace, registerUser } from '../../../test/factories';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}${labels ? `{${labels}}` : ''} `) ||
        (labels && l.startsWith(`${name}{`) && l.includes(labels)),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('metrics (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());
  const scrape = async () =>
    (await request(t.baseUrl).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200))
      .text;

  it('needs the token, and its counters move with traffic, collaboration and events', async () => {
    await request(t.baseUrl).get('/metrics').expect(401);
    await request(t.baseUrl).get('/metrics').set('authorization', 'Bearer wrong').expect(401);
    const before = await scrape();

    const u = await registerUser(t);
    const ws = await createWorkspace(t, u);
    const c = connect(t, ws.visionDocumentId!, u.token);
    try {
      await synced(c);
      const openNow = await scrape();
      expect(sample(openNow, 'coalesce_collab_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(openNow, 'coalesce_collab_open_documents')).toBeGreaterThanOrEqual(1);
      addParagraph(c.doc, 'counted');
      await until(c.doc, (d) => textOf(d) === 'counted');
      // Stored before anyone else sees it: poll the scrape until the commit is counted.
      let after = await scrape();
      for (
        let i = 0;
        i < 50 &&
        sample(after, 'coalesce_collab_updates_total') <=
          sample(before, 'coalesce_collab_updates_total');
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
        after = await scrape();
      }
      expect(sample(after, 'coalesce_collab_updates_total')).toBeGreaterThan(
        sample(before, 'coalesce_collab_updates_total'),
      );
      expect(sample(after, 'coalesce_collab_commits_total')).toBeGreaterThan(
        sample(before, 'coalesce_collab_commits_total'),
      );
      expect(sample(after, 'coalesce_collab_commit_duration_seconds_count')).toBeGreaterThan(
        sample(before, 'coalesce_collab_commit_duration_seconds_count'),
      );
      const route = 'method="POST",route="/api/workspaces",status="201"';
      expect(sample(after, 'coalesce_http_requests_total', route)).toBeGreaterThan(
        sample(before, 'coalesce_http_requests_total', route),
      );
      expect(after).toContain('coalesce_http_request_duration_seconds_bucket');
      expect(sample(after, 'coalesce_events_total', 'type="workspace.created"')).toBeGreaterThan(
        sample(before, 'coalesce_events_total', 'type="workspace.created"'),
      );
      expect(after).toContain('coalesce_rate_limit_hits_total');
    } finally {
      c.destroy();
    }
  });
});
