import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest } from '../support/harness.ts';
import {
  addPartnerInPage,
  createNetworkInPage,
  navTo,
  personPage,
  registerInPage,
} from '../support/ui.ts';

// Everything by clicks and typing (no API call from the test); results read from the pages.
const app = appUnderTest();
const unique = Math.random().toString(36).slice(2, 8);
const email = (name: string) => `${name.toLowerCase()}-${unique}@example.test`;

test('experiments board: a card dragged to another column moves in a second browser live; a learning appears live', async () => {
  const anna = await personPage(app.browser);
  await registerInPage(anna, app.server.url, 'Anna', email('Anna'));
  await createNetworkInPage(anna, 'Talentenstad');
  const home = anna.url();
  await navTo(anna, 'Partners');
  await addPartnerInPage(anna, 'School', 'core');

  // Bram represents the school: he may write experiments too; here he watches.
  await anna.goto(home);
  const form = anna.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel(/^Email/).fill(email('Bram'));
  await form.getByLabel('Represents partner').selectOption({ label: 'School' });
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const row = anna
    .getByTestId('pending-invitations')
    .getByRole('listitem', { name: email('Bram') });
  await row.getByRole('button', { name: 'Copy link' }).click();
  const link = await row.getByTestId('pending-invitation-link').inputValue();
  const bram = await personPage(app.browser);
  await bram.goto(link);
  await bram.getByRole('link', { name: 'Create account' }).click();
  await bram.getByLabel('Your name', { exact: true }).fill('Bram');
  await bram.getByLabel('Email address', { exact: true }).fill(email('Bram'));
  await bram.getByLabel('Password', { exact: true }).fill('a long enough password');
  await bram.getByRole('button', { name: 'Create account' }).click();
  await bram.getByRole('button', { name: 'Accept invitation' }).click();
  await bram.getByRole('heading', { level: 1, name: 'Talentenstad' }).waitFor();

  // Anna writes the experiment with the school leading it.
  await navTo(anna, 'Experiments');
  await anna.getByRole('link', { name: 'New experiment' }).click();
  await anna.getByLabel('Title').fill('Homework café');
  await anna.getByLabel('Hypothesis').fill('Pupils do better with help nearby');
  await anna.getByRole('checkbox', { name: 'School' }).check();
  await anna.getByLabel('Lead partner').selectOption({ label: 'School' });
  await anna.getByRole('button', { name: 'Create experiment' }).click();
  await anna.getByRole('heading', { level: 1, name: 'Homework café' }).waitFor();
  const experiment = { id: anna.url().split('/').at(-1)! };
  const board = `${home}/experiments`;

  const a = { page: anna, context: anna.context() };
  const b = { page: bram, context: bram.context() };
  for (const { page } of [a, b]) {
    await page.goto(board);
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
  // Stored, not only drawn: after a reload it is still running.
  await a.page.reload();
  await a.page
    .locator(`section[data-status="running"] [data-testid="card-${experiment.id}"]`)
    .waitFor();

  // Both open the experiment; Anna records a learning, Bram sees it appear.
  await a.page.getByRole('link', { name: 'Homework café' }).click();
  await b.page.goto(`${board}/${experiment.id}`);
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

  // Everything is in the activity log, newest first.
  await navTo(a.page, 'Activity');
  const feed = a.page.getByRole('main');
  const lines = [
    'Anna recorded a learning in the experiment ‘Homework café’: “Parents came along and stayed to help”',
    'Anna moved the experiment ‘Homework café’ from Idea to Running',
    'Anna started the experiment ‘Homework café’',
  ];
  for (const l of lines) await feed.getByText(l).first().waitFor();
  const order = await Promise.all(
    lines.map((l) =>
      feed
        .getByText(l)
        .first()
        .boundingBox()
        .then((box) => box!.y),
    ),
  );
  assert.deepEqual(
    [...order].sort((x, y) => x - y),
    order,
  );
  await a.page.goBack();

  // Bram represents the lead partner: he may delete it, after confirming; the board no longer has it.
  b.page.once('dialog', (d) => void d.accept());
  await b.page.getByRole('button', { name: 'Delete experiment' }).click();
  await b.page.waitForURL(/\/experiments$/);
  await b.page.locator('section[data-status="running"]').waitFor();
  await b.page.getByTestId(`card-${experiment.id}`).waitFor({ state: 'detached' });
  await a.context.close();
  await b.context.close();
});
