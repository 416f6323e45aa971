import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';

const app = appUnderTest();
const unique = () => Math.random().toString(36).slice(2, 8);

async function nav(page: Page, section: string) {
  await page
    .getByRole('navigation', { name: /^(Main navigation|Hoofdnavigatie)$/ })
    .getByRole('link', { name: section })
    .first()
    .click();
}

async function addPartner(page: Page, name: string, kind: 'organisation' | 'individual') {
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind', { exact: true }).selectOption(kind);
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByTestId('partners-table').getByRole('link', { name }).waitFor();
}

/** Clicks a download link and returns the file's text. */
async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  return readFile((await file.path())!, 'utf8');
}

test('research page: consent to be named decides what a pseudonymised export shows; codebook in view', async () => {
  const ctx = await app.browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(`${app.server.url}/register`);
  await page.getByLabel('Your name').fill('Anna');
  await page.getByLabel('Email address').fill(`anna-${unique()}@example.test`);
  await page.getByLabel(/^Password$/).fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'New network' }).click();
  await page.getByLabel('Name').fill('Speelplein Noord');
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByRole('heading', { level: 1, name: 'Speelplein Noord' }).waitFor();

  await nav(page, 'Partners');
  await addPartner(page, 'Scouts Genk', 'organisation');
  await addPartner(page, 'Eva Peeters', 'individual');

  await nav(page, 'Research');
  await page.getByRole('heading', { level: 1, name: 'Research' }).waitFor();
  await page.getByRole('heading', { name: 'Codebook' }).waitFor();
  await page.getByRole('cell', { name: 'joinedAt' }).waitFor();
  const eva = page.getByLabel('Eva Peeters may be named in research exports');
  const scouts = page.getByLabel('Scouts Genk may be named in research exports');
  assert.equal(await eva.isChecked(), false, 'individuals are not named by default');
  assert.equal(await scouts.isChecked(), true, 'organisations are named by default');

  // Pseudonymised (the default on the page): Eva is a pseudonym, the Scouts are named.
  let nodes = await download(page, 'Partners (nodes.csv)');
  assert.match(nodes, /^id,label,kind,circle,actorType,pseudonymised,joinedAt,leftAt/);
  assert.ok(nodes.includes('Scouts Genk'));
  assert.ok(!nodes.includes('Eva Peeters'), nodes);
  assert.match(nodes, /P-[0-9a-f]{10},P-[0-9a-f]{10},individual/);

  // Eva agrees to be named: kept after a reload, and in the next export.
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes('/research/consents/'),
    ),
    eva.check(),
  ]);
  await page.reload();
  await page
    .getByLabel('Eva Peeters may be named in research exports')
    .and(page.locator(':checked'))
    .waitFor();
  nodes = await download(page, 'Partners (nodes.csv)');
  assert.ok(nodes.includes('Eva Peeters'), nodes);

  const gexf = await download(page, 'Network over time (GEXF for Gephi)');
  assert.match(gexf, /<graph mode="dynamic"/);
  await ctx.close();
});
