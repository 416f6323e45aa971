import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';

const app = appUnderTest();

const unique = () => Math.random().toString(36).slice(2, 8);

async function register(page: Page, name: string, email: string, goto = true) {
  if (goto) await page.goto(`${app.server.url}/register`);
  await page.getByLabel(/Your name|Je naam/).fill(name);
  await page.getByLabel(/Email address|E-mailadres/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord)$/).fill('a long enough password');
  await page.getByRole('button', { name: /Create account|Account maken/ }).click();
}

test('register, create a network, invite a second person who accepts; both feeds update live', async () => {
  const ctxA = await app.browser.newContext({ locale: 'en-GB' });
  const a = await ctxA.newPage();

  // Validation with the shared schema: errors next to their field, nothing sent.
  await a.goto(`${app.server.url}/register`);
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByText('Required').first().waitFor();
  await a.getByLabel('Email address').fill('not-an-email');
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByText('Not a valid email address').waitFor();

  const emailA = `anna-${unique()}@example.test`;
  await register(a, 'Anna', emailA);
  await a.getByRole('heading', { name: 'Your networks' }).waitFor();

  await a.getByRole('button', { name: 'New network' }).click();
  await a.getByLabel('Name').fill('Talentenstad Beringen');
  await a.getByLabel('Description').fill('A learning ecosystem around talent.');
  await a.getByRole('button', { name: 'Create network' }).click();
  await a.getByRole('heading', { level: 1, name: 'Talentenstad Beringen' }).waitFor();
  await a.locator('[data-testid="live"][data-live="true"]').waitFor();

  // Switch to Dutch: the whole workspace speaks Dutch.
  await a.getByLabel('Language').selectOption('nl');
  await a.getByRole('heading', { name: 'Leden' }).waitFor();
  await a.getByText('Anna maakte het netwerk aan').waitFor();

  // Invite a second user.
  await a.getByRole('button', { name: 'Uitnodiging maken' }).click();
  const link = await a.getByTestId('invitation-link').inputValue();
  assert.match(link, /\/invite\/[\w-]+$/);

  const ctxB = await app.browser.newContext({ locale: 'en-GB' });
  const b = await ctxB.newPage();
  await b.goto(link);
  await b.getByRole('link', { name: 'Create account' }).click();
  await register(b, 'Bram', `bram-${unique()}@example.test`, false);
  await b.getByRole('heading', { name: 'Join Talentenstad Beringen' }).waitFor();
  await b.getByRole('button', { name: 'Accept invitation' }).click();
  await b.getByRole('heading', { level: 1, name: 'Talentenstad Beringen' }).waitFor();
  await b.locator('[data-testid="live"][data-live="true"]').waitFor();

  // Anna sees Bram join without reloading.
  await a
    .getByTestId('activity-feed')
    .getByText('Bram werd lid als Lid')
    .waitFor({ timeout: 5000 });
  await a.getByTestId('members').getByText('Bram', { exact: true }).waitFor();

  // Anna changes the stage; Bram's feed (in English) updates live.
  await a.getByRole('button', { name: 'Fase wijzigen' }).click();
  await a.getByLabel('Ontwikkelingsfase').selectOption('dynamic_experimentation');
  await a.getByRole('button', { name: 'Opslaan' }).click();
  await b
    .getByTestId('activity-feed')
    .getByText('Anna moved the network to the stage “Dynamic experimentation”')
    .waitFor({ timeout: 5000 });

  // Anna makes Bram an observer: his bell counts the notification live, and it reads in his words.
  await a.getByTestId('members').getByRole('combobox').nth(1).selectOption('observer');
  await b.getByTestId('unread-count').getByText('1').waitFor({ timeout: 5000 });
  await b.getByTestId('bell').click();
  await b.getByText('Your role in Talentenstad Beringen is now Observer').waitFor();

  await ctxA.close();
  await ctxB.close();
});
