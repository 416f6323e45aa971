import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

test('a coordinator answers a connection for a side nobody represents; the inbox lists it once', async () => {
  const anna = await registerUser(app.server.url, 'Anna');
  const ws = await anna.api.req<{ id: string }>('POST', '/workspaces', { name: 'Klooz Borgloon' });
  const base = `/workspaces/${ws.id}`;
  const partner = (name: string) =>
    anna.api.req<{ id: string }>('POST', `${base}/partners`, {
      kind: 'organisation',
      name,
      actorType: 'civil_society',
    });
  const library = await partner('Library');
  const club = await partner('Youth club');
  await anna.api.req('PATCH', `${base}/members/${anna.user.id}`, {
    broker: true,
    partnerId: library.id,
  });
  await anna.api.req('POST', `${base}/connections`, {
    fromPartnerId: library.id,
    toPartnerId: club.id,
    reason: 'Reading evenings for teenagers',
  });

  const { context, page } = await signedInPage(
    app.browser,
    app.server.url,
    anna.email,
    anna.password,
  );
  await page.goto(`${app.server.url}/w/${ws.id}/connections`);
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
  await context.close();
});
