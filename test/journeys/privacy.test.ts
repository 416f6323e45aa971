import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';

const app = appUnderTest();
const unique = () => Math.random().toString(36).slice(2, 8);

async function register(page: Page, name: string, email: string, goto = true) {
  if (goto) await page.goto(`${app.server.url}/register`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(/^Password$/).fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** The names of the offline document copies this browser keeps (IndexedDB). */
const copies = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('coalesce:')),
  );

async function untilCopies(page: Page, want: (n: number) => boolean, what: string) {
  const started = Date.now();
  for (;;) {
    const n = (await copies(page)).length;
    if (want(n)) return;
    if (Date.now() - started > 10_000) assert.fail(`${what}: ${n} copies left`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openVisionAndType(page: Page, text: string) {
  await page.getByRole('link', { name: 'Vision' }).first().click();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await page.getByTestId('editor').click();
  await page.keyboard.type(text);
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
}

test('a shared computer keeps no document: copies go on sign-out and when a member is removed', async () => {
  const ctxA = await app.browser.newContext({ locale: 'en-GB' });
  const a = await ctxA.newPage();
  await register(a, 'Anna', `anna-${unique()}@example.test`);
  await a.getByRole('heading', { name: 'Your networks' }).waitFor();
  await a.getByRole('button', { name: 'New network' }).click();
  await a.getByLabel('Name').fill('Jeugdhuis Genk');
  await a.getByRole('button', { name: 'Create network' }).click();
  await a.getByRole('heading', { level: 1, name: 'Jeugdhuis Genk' }).waitFor();
  await a.getByRole('button', { name: 'Create invitation' }).click();
  const link = await a.getByTestId('invitation-link').inputValue();

  const ctxB = await app.browser.newContext({ locale: 'en-GB' });
  const b = await ctxB.newPage();
  await b.goto(link);
  await b.getByRole('link', { name: 'Create account' }).click();
  await register(b, 'Bram', `bram-${unique()}@example.test`, false);
  await b.getByRole('button', { name: 'Accept invitation' }).click();
  await b.getByRole('heading', { level: 1, name: 'Jeugdhuis Genk' }).waitFor();
  await b.locator('[data-testid="live"][data-live="true"]').waitFor();

  // Both write in the vision: each browser now keeps a copy for offline work.
  await openVisionAndType(a, 'Every young person has a place here. ');
  await openVisionAndType(b, 'Open on Wednesdays. ');
  await untilCopies(a, (n) => n === 1, 'Anna’s copy');
  await untilCopies(b, (n) => n === 1, 'Bram’s copy');
  await b.getByRole('link', { name: 'Overview' }).click();

  // Anna removes Bram: his browser lets go of the network's documents at once.
  await a.getByRole('link', { name: 'Overview' }).click();
  a.once('dialog', (d) => void d.accept());
  await a
    .getByTestId('members')
    .getByRole('listitem')
    .filter({ hasText: 'Bram' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await untilCopies(b, (n) => n === 0, 'Bram’s copy after his removal');

  // Anna signs out: nothing of the network stays in her browser for the next person.
  await a.getByRole('button', { name: 'Sign out' }).click();
  await untilCopies(a, (n) => n === 0, 'Anna’s copy after signing out');
  assert.deepEqual(await copies(a), []);
  await ctxA.close();
  await ctxB.close();
});
