import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest } from '../support/harness.ts';

const app = appUnderTest();

test('the API is healthy', async () => {
  const res = await fetch(`${app.server.url}/api/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok', db: 'up', redis: 'off' });
});

test('the app loads in Dutch for a Dutch browser and switches to English', async () => {
  const context = await app.browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('heading', { level: 1, name: 'Bouw samen aan je leerecosysteem' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  // The landing page explains the product; the server's health is for operators (/api/health).
  await page.getByText(/Coalesce is een gedeelde online werkplek/).waitFor();
  assert.equal(await page.locator('[data-testid="health"]').count(), 0);

  await page.getByLabel('Taal').selectOption('en');
  await page
    .getByRole('heading', { level: 1, name: 'Build your learning ecosystem together' })
    .waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');

  // The choice is remembered across a reload.
  await page.reload();
  await page
    .getByRole('heading', { level: 1, name: 'Build your learning ecosystem together' })
    .waitFor();
  await context.close();
});

test('deep links are served by the SPA fallback, unknown API routes are JSON 404s', async () => {
  const page = await app.browser.newPage();
  const res = await page.goto(`${app.server.url}/some/deep/link`);
  assert.equal(res?.status(), 200);
  await page
    .getByText('Deze pagina bestaat niet.')
    .or(page.getByText('This page does not exist.'))
    .waitFor();
  await page.close();
  const api = await fetch(`${app.server.url}/api/nope`);
  assert.equal(api.status, 404);
  assert.equal((await api.json()).code, 'ROUTE_NOT_FOUND');
});
