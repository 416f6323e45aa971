import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

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
  await a.getByText('Anna richtte het netwerk ‘Talentenstad Beringen’ op').waitFor();

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
    .getByText('Bram werd lid van het netwerk als lid')
    .waitFor({ timeout: 5000 });
  await a.getByTestId('members').getByText('Bram', { exact: true }).waitFor();

  // Anna changes the stage; Bram's feed (in English) updates live.
  await a.getByRole('button', { name: 'Fase wijzigen' }).click();
  await a.getByLabel('Ontwikkelingsfase').selectOption('dynamic_experimentation');
  await a.getByRole('button', { name: 'Opslaan' }).click();
  await b
    .getByTestId('activity-feed')
    .getByText(
      'Anna moved the network from the stage “Hypothesis and vision forming” to “Dynamic experimentation”',
    )
    .waitFor({ timeout: 5000 });

  // Anna makes Bram an observer: his bell counts the notification live, and it reads in his words.
  await a.getByTestId('members').getByLabel('Rol van Bram').selectOption('observer');
  await b.getByTestId('unread-count').getByText('1').waitFor({ timeout: 5000 });
  await b.getByTestId('bell').click();
  await b.getByText('Your role in Talentenstad Beringen is now Observer').waitFor();

  await ctxA.close();
  await ctxB.close();
});

test('someone invited by email answers in the app: the bell leads to the pending invitations, decline one, accept the other', async () => {
  const anna = await registerUser(app.server.url, 'Anna');
  const bram = await registerUser(app.server.url, 'Bram');
  const network = (name: string) => anna.api.req<{ id: string }>('POST', '/workspaces', { name });
  const genk = await network('Talentenstad Genk');
  const borgloon = await network('Klooz Borgloon');
  const { page, context } = await signedInPage(
    app.browser,
    app.server.url,
    bram.email,
    bram.password,
  );
  const pending = page.getByTestId('my-invitations');
  assert.equal(await pending.count(), 0);

  // Invited while looking at the page: the section appears live, the bell counts.
  for (const [w, role] of [
    [genk, 'observer'],
    [borgloon, 'member'],
  ] as const) {
    await anna.api.req('POST', `/workspaces/${w.id}/invitations`, {
      email: bram.email.toUpperCase(),
      role,
    });
  }
  await pending.getByRole('listitem', { name: 'Talentenstad Genk' }).waitFor({ timeout: 5000 });
  await pending.getByRole('listitem', { name: 'Klooz Borgloon' }).waitFor({ timeout: 5000 });
  await pending.getByText('invited by Anna').first().waitFor();
  await page.getByTestId('unread-count').getByText('2').waitFor({ timeout: 5000 });

  // The notification links to the section.
  await page.getByTestId('bell').click();
  await page
    .getByRole('link', { name: 'You are invited to join Klooz Borgloon as Member' })
    .click();
  await page.waitForURL(/\/w#invitations$/);

  page.once('dialog', (d) => void d.accept());
  const borgloonRow = pending.getByRole('listitem', { name: 'Klooz Borgloon' });
  await borgloonRow.getByRole('button', { name: 'Decline' }).click();
  await borgloonRow.waitFor({ state: 'detached' });

  const genkRow = pending.getByRole('listitem', { name: 'Talentenstad Genk' });
  await genkRow.getByText('Observer').waitFor();
  await genkRow.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('heading', { level: 1, name: 'Talentenstad Genk' }).waitFor();
  assert.match(page.url(), new RegExp(`/w/${genk.id}$`));

  await page.goto(`${app.server.url}/w`);
  await page.getByRole('link', { name: /Talentenstad Genk/ }).waitFor();
  assert.equal(await pending.count(), 0);
  await context.close();
});
