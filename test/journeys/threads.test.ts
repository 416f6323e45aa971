import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';

// A discussion on an experiment, from two browsers, set up by clicking and typing only: Anna
// founds the network, invites Bram through the copied link, starts a discussion that mentions
// him; Bram hears of it by the bell, replies and resolves; Anna sees both live.
// THREADS_SCREENSHOTS=<dir> keeps a desktop and a phone screenshot of the discussion.
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const email = (name: string) => `${name.toLowerCase()}-${unique}@example.test`;
const LIVE = { timeout: 10_000 };
const SHOTS = process.env.THREADS_SCREENSHOTS;

async function newPage(): Promise<Page> {
  const context = await app.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

async function register(page: Page, name: string, goto = true) {
  if (goto) await page.goto(`${app.server.url}/register`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email(name));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function nav(page: Page, section: string) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: section })
    .first()
    .click();
}

test('a discussion on an experiment: a mention notifies, the mentioned member replies and resolves, live', async () => {
  const network = 'Talentenstad';
  const anna = await newPage();
  await register(anna, 'Anna');
  await anna.getByRole('button', { name: 'New network' }).click();
  await anna.getByLabel('Name').fill(network);
  await anna.getByRole('button', { name: 'Create network' }).click();
  await anna.getByRole('heading', { level: 1, name: network }).waitFor();

  // Bram is invited (no partner) and joins through the copied link.
  const form = anna.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel(/^Email/).fill(email('Bram'));
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const row = anna
    .getByTestId('pending-invitations')
    .getByRole('listitem', { name: email('Bram') });
  await row.getByRole('button', { name: 'Copy link' }).click();
  const link = await row.getByTestId('pending-invitation-link').inputValue();
  const bram = await newPage();
  await bram.goto(link);
  await bram.getByRole('link', { name: 'Create account' }).click();
  await register(bram, 'Bram', false);
  await bram.getByRole('heading', { name: `Join ${network}` }).waitFor();
  await bram.getByRole('button', { name: 'Accept invitation' }).click();
  await bram.getByRole('heading', { level: 1, name: network }).waitFor();
  await bram.locator('[data-testid="live"][data-live="true"]').waitFor();
  await anna.getByTestId('members').getByText('Bram').first().waitFor(LIVE);

  // Anna creates an experiment and starts its discussion, mentioning Bram with the picker.
  await nav(anna, 'Experiments');
  await anna.getByRole('link', { name: 'New experiment' }).click();
  await anna.getByLabel('Title').fill('Homework café');
  await anna.getByRole('button', { name: 'Create experiment' }).click();
  await anna.getByRole('heading', { name: 'Discussion', exact: true }).waitFor();
  await anna.getByText('No discussion yet.').waitFor();
  const experimentUrl = anna.url();
  await anna.locator('[data-testid="live"][data-live="true"]').waitFor();

  const box = anna.getByRole('textbox', { name: /Write a comment/ });
  await box.click();
  await box.pressSequentially('Who hosts it on Wednesdays? @br');
  const picker = anna.getByRole('listbox', { name: 'Members to mention' });
  await picker.getByRole('option', { name: 'Bram' }).waitFor();
  await box.press('Enter');
  assert.equal(await box.inputValue(), 'Who hosts it on Wednesdays? @Bram ');
  await box.pressSequentially('can you ask the school?');
  await anna.getByRole('button', { name: 'Post', exact: true }).click();
  const annaThread = anna.getByTestId('thread');
  await annaThread.getByText('Who hosts it on Wednesdays?').waitFor();
  // The mention reads as the member's name, never as its id.
  const mention = annaThread.locator('[data-mention]');
  assert.equal(await mention.textContent(), '@Bram');
  // The box gives way to a button for another topic.
  await anna.getByRole('button', { name: 'Start another topic' }).waitFor();
  assert.equal(await box.count(), 0);

  // Bram hears of it through the bell, follows it to the experiment.
  await bram.getByTestId('unread-count').waitFor(LIVE);
  await bram.getByTestId('bell').click();
  await bram
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('link', {
      name: 'Anna mentioned you in a discussion on the experiment ‘Homework café’',
    })
    .click();
  await bram.waitForURL(experimentUrl);
  const bramThread = bram.getByTestId('thread');
  await bramThread.getByText('can you ask the school?').waitFor();
  assert.equal(await bramThread.locator('[data-mention]').textContent(), '@Bram');

  // Bram replies; Anna's page shows it without a reload.
  await bramThread
    .getByRole('textbox', { name: /Reply/ })
    .fill('Yes: the school hosts it, I asked the head.');
  await bramThread.getByRole('button', { name: 'Reply', exact: true }).click();
  await bramThread.getByText('Yes: the school hosts it, I asked the head.').waitFor();
  await annaThread.getByText('Yes: the school hosts it, I asked the head.').waitFor(LIVE);
  assert.equal(await annaThread.getByTestId('comment').count(), 2);

  if (SHOTS) {
    await anna.screenshot({ path: `${SHOTS}/threads-desktop.png`, fullPage: true });
    await bram.setViewportSize({ width: 390, height: 844 });
    await bramThread.scrollIntoViewIfNeeded();
    await bram.screenshot({ path: `${SHOTS}/threads-phone.png`, fullPage: true });
    await bram.setViewportSize({ width: 1280, height: 800 });
  }

  // Bram resolves it; Anna sees it resolved (folded to its first comment), and can reopen it.
  await bramThread.getByRole('button', { name: 'Resolve' }).click();
  await bramThread.getByText('Resolved by Bram').waitFor();
  await annaThread.getByText('Resolved by Bram').waitFor(LIVE);
  await annaThread.getByRole('button', { name: 'Show 1 more' }).waitFor();
  await annaThread.getByRole('button', { name: 'Reopen' }).waitFor();
  assert.equal(await annaThread.getByRole('textbox', { name: /Reply/ }).count(), 0);

  // The activity log tells the story in sentences.
  await nav(anna, 'Activity');
  for (const sentence of [
    'Anna started a discussion on the experiment ‘Homework café’',
    'Bram replied in a discussion on the experiment ‘Homework café’',
    'Bram resolved a discussion on the experiment ‘Homework café’',
  ]) {
    await anna.getByText(sentence).first().waitFor(LIVE);
  }
});
