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

// Everything by clicks and typing (no API call from the test); results read from the page.
const app = appUnderTest();

test('a coordinator answers a connection for a side nobody represents; the inbox lists it once', async () => {
  const page = await personPage(app.browser);
  const unique = Math.random().toString(36).slice(2, 8);
  await registerInPage(page, app.server.url, 'Anna', `anna-${unique}@example.test`);
  await createNetworkInPage(page, 'Klooz Borgloon');
  const home = page.url();
  await navTo(page, 'Partners');
  await addPartnerInPage(page, 'Library', 'core');
  await addPartnerInPage(page, 'Youth club', 'broad');

  // Anna represents the library and brokers; nobody represents the youth club.
  await page.goto(home);
  const me = page.getByTestId('members').getByRole('listitem').filter({ hasText: 'Anna' });
  await me.getByLabel('Partner Anna represents').selectOption({ label: 'Library' });
  await me
    .getByLabel('Partner Anna represents')
    .locator('option:checked', { hasText: 'Library' })
    .waitFor({ state: 'attached' });
  await me.getByRole('checkbox', { name: 'Broker' }).click();
  await me.getByRole('checkbox', { name: 'Broker', checked: true }).waitFor();

  await navTo(page, 'Connections');
  await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Library' });
  await page.getByLabel('Connect with').selectOption({ label: 'Youth club' });
  await page.getByLabel('Why should they meet?').fill('Reading evenings for teenagers');
  await page.getByRole('button', { name: 'Propose', exact: true }).click();

  const item = page.getByRole('listitem', { name: 'Library ↔ Youth club' });
  await item.waitFor();
  assert.equal(await item.count(), 1, 'listed once, in the inbox only');
  const inbox = page.getByTestId('inbox');
  await inbox
    .getByText('Youth club has no representative: as coordinator you can answer on its behalf.')
    .waitFor();

  // Her own side first, then the club's on its behalf.
  await inbox.getByRole('button', { name: 'Accept', exact: true }).click();
  await inbox.getByRole('button', { name: 'Accept for Youth club' }).click();
  const done = page
    .getByTestId('connections')
    .getByRole('listitem', { name: 'Library ↔ Youth club' });
  await done.getByText('Accepted', { exact: true }).waitFor();
  await done.getByText('Youth club: accepted (answered by a coordinator)').waitFor();
  assert.equal(await inbox.count(), 0);
  await page.context().close();
});
