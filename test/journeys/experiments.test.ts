import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

test('experiments board: a card dragged to another column moves in a second browser live; a learning appears live', async () => {
  const anna = await registerUser(app.server.url, 'Anna');
  const ws = await anna.api.req<{ id: string }>('POST', '/workspaces', { name: 'Talentenstad' });
  const base = `/workspaces/${ws.id}`;
  const school = await anna.api.req<{ id: string }>('POST', `${base}/partners`, {
    kind: 'organisation',
    name: 'School',
    actorType: 'education',
  });
  const experiment = await anna.api.req<{ id: string }>('POST', `${base}/experiments`, {
    title: 'Homework café',
    hypothesis: 'Pupils do better with help nearby',
    partnerIds: [school.id],
    leadPartnerId: school.id,
  });
  // Bram represents the school: he may write experiments too; here he watches.
  const bram = await registerUser(app.server.url, 'Bram');
  const inv = await anna.api.req<{ token: string }>('POST', `${base}/invitations`, {
    role: 'member',
    partnerId: school.id,
  });
  await bram.api.req('POST', `/invitations/${inv.token}/accept`);

  const a = await signedInPage(app.browser, app.server.url, anna.email, anna.password);
  const b = await signedInPage(app.browser, app.server.url, bram.email, bram.password);
  for (const { page } of [a, b]) {
    await page.goto(`${app.server.url}/w/${ws.id}/experiments`);
    await page.locator('[data-testid="live"][data-live="true"]').waitFor();
    await page
      .locator(`section[data-status="idea"] [data-testid="card-${experiment.id}"]`)
      .waitFor();
  }

  // Anna drags the card from "idea" to "running"; Bram's board follows without reloading.
  const card = a.page.getByTestId(`card-${experiment.id}`);
  await card.dragTo(a.page.locator('section[data-status="running"]'));
  await a.page
    .locator(`section[data-status="running"] [data-testid="card-${experiment.id}"]`)
    .waitFor();
  await b.page
    .locator(`section[data-status="running"] [data-testid="card-${experiment.id}"]`)
    .waitFor({ timeout: 5000 });
  const stored = await anna.api.req<{ status: string }>(
    'GET',
    `${base}/experiments/${experiment.id}`,
  );
  assert.equal(stored.status, 'running');

  // Both open the experiment; Anna records a learning, Bram sees it appear.
  await a.page.getByRole('link', { name: 'Homework café' }).click();
  await b.page.goto(`${app.server.url}/w/${ws.id}/experiments/${experiment.id}`);
  await b.page.getByText('Nothing recorded yet.').waitFor();
  await a.page.getByLabel('What did you learn?').fill('Parents came along and stayed to help');
  await a.page.getByLabel('Evidence link (optional)').fill('https://example.org/report');
  await a.page.getByRole('button', { name: 'Record a learning' }).click();
  await a.page
    .getByTestId('learnings')
    .getByText('Parents came along and stayed to help')
    .waitFor();
  await b.page
    .getByTestId('learnings')
    .getByText('Parents came along and stayed to help')
    .waitFor({ timeout: 5000 });
  await b.page.getByRole('link', { name: 'https://example.org/report' }).waitFor();

  // A bad evidence link is refused next to its field.
  await a.page.getByLabel('What did you learn?').fill('Another');
  await a.page.getByLabel('Evidence link (optional)').fill('javascript:alert(1)');
  await a.page.getByRole('button', { name: 'Record a learning' }).click();
  await a.page.getByText('Not a valid web address (start with https://).').waitFor();

  // Everything is in the activity log.
  const log = await anna.api.req<{ items: { type: string }[] }>(
    'GET',
    `${base}/activity?type=experiment`,
  );
  assert.deepEqual(
    log.items.map((e) => e.type),
    ['experiment.learning_added', 'experiment.status_changed', 'experiment.created'],
  );

  // Bram represents the lead partner: he may delete it, after confirming; the board no longer has it.
  b.page.once('dialog', (d) => void d.accept());
  await b.page.getByRole('button', { name: 'Delete experiment' }).click();
  await b.page.waitForURL(/\/experiments$/);
  await b.page.locator('section[data-status="running"]').waitFor();
  await b.page.getByTestId(`card-${experiment.id}`).waitFor({ state: 'detached' });
  await a.context.close();
  await b.context.close();
});
