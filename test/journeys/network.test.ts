import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerUser, type Registered } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

interface Partner {
  id: string;
  name: string;
  joinedAt: string;
}

/** The node count the map shows, once it shows `expected`. */
async function waitForNodeCount(page: Page, expected: number): Promise<void> {
  await page.locator(`[data-testid="node-count"][data-count="${expected}"]`).waitFor();
}

test('the network map replays how the network grew: moving the time slider back shows fewer partners', async () => {
  // Seed over the HTTP API: a coordinator importing a network that grew over 300 days.
  const anna = await registerUser(app.server.url, 'Anna');
  const ws = await anna.api.req<{ id: string }>('POST', '/workspaces', { name: 'Klooz Borgloon' });
  const base = `/workspaces/${ws.id}`;
  const partner = (name: string, days: number, actorType = 'education') =>
    anna.api.req<Partner>('POST', `${base}/partners`, {
      kind: 'organisation',
      name,
      actorType,
      joinedAt: daysAgo(days),
      contributions: { expertise: name === 'Tutors' ? ['tutoring'] : [] },
    });
  const library = await partner('Library', 300, 'arts_culture');
  const school = await partner('School', 200);
  const club = await partner('Sports club', 100, 'sports');
  const tutors = await partner('Tutors', 10, 'civil_society');

  // Anna is a broker and represents the library; Bram represents the school.
  await anna.api.req('PATCH', `${base}/members/${anna.user.id}`, {
    broker: true,
    partnerId: library.id,
  });
  const bram: Registered = await registerUser(app.server.url, 'Bram');
  const inv = await anna.api.req<{ token: string }>('POST', `${base}/invitations`, {
    role: 'member',
    partnerId: school.id,
  });
  await bram.api.req('POST', `/invitations/${inv.token}/accept`);
  const connection = await anna.api.req<{ id: string }>('POST', `${base}/connections`, {
    fromPartnerId: library.id,
    toPartnerId: school.id,
    reason: 'Reading programme for pupils',
  });
  await anna.api.req('POST', `${base}/connections/${connection.id}/respond`, { accept: true });
  const accepted = await bram.api.req<{ status: string }>(
    'POST',
    `${base}/connections/${connection.id}/respond`,
    { accept: true },
  );
  assert.equal(accepted.status, 'accepted');
  await anna.api.req('POST', `${base}/experiments`, {
    title: 'Homework café',
    partnerIds: [club.id],
    leadPartnerId: club.id,
    neededExpertise: ['tutoring'],
    status: 'preparing',
  });

  const { context, page } = await signedInPage(
    app.browser,
    app.server.url,
    anna.email,
    anna.password,
  );
  await page.goto(`${app.server.url}/w/${ws.id}/network`);
  await page.getByRole('heading', { level: 1, name: 'Network map' }).waitFor();
  await waitForNodeCount(page, 4);
  await page.getByText('1 ties', { exact: true }).waitFor();
  // Cytoscape draws the map, with no two partners (and their names) on top of each other.
  await page.locator('canvas').first().waitFor();
  const canvas = page.getByTestId('network-canvas');
  await page.locator('[data-testid="network-canvas"][data-overlaps]').waitFor();
  assert.equal(await canvas.getAttribute('data-overlaps'), '0', 'labels overlap on the map');

  // Every figure is explained, with how it moved in 90 days: 3 partners then (not the tutors).
  const metrics = page.getByTestId('network-metrics');
  await metrics.getByText(/The share of all possible pairs of partners/).waitFor();
  await metrics
    .locator('[data-metric="nodes"]')
    .getByText(/^Up from 3 on /)
    .waitFor();

  // The keyboard walks through the partners on the map (by name) and the page names each one.
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('selected-partner').getByText('Library', { exact: true }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('selected-partner').getByText('School', { exact: true }).waitFor();

  // The table shows the same partners with their figures, sortable; "Show on the map" selects.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const table = page.getByTestId('network-table');
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 4);
  await table.getByRole('button', { name: 'Partner', exact: true }).click();
  assert.equal(await table.locator('th[aria-sort]').first().getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await table.locator('tbody th a').allTextContents(), [
    'Library',
    'School',
    'Sports club',
    'Tutors',
  ]);
  await table.getByRole('button', { name: 'Show on the map: Tutors' }).click();
  await page.getByTestId('selected-partner').getByText('Tutors', { exact: true }).waitFor();
  await canvas.waitFor();

  // The slider runs from just before the first partner joined (300 days ago) to now: 20% is
  // about 240 days ago (only the library), 50% about 150 days ago (library and school).
  const slider = page.getByTestId('time-slider');
  await slider.fill('20');
  await waitForNodeCount(page, 1);
  // The slider says which day is shown, in the reader's locale.
  const shownDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(
    Date.now() - 240 * DAY,
  );
  assert.match((await page.getByTestId('timeline-date').textContent()) ?? '', /^Network on /);
  assert.ok(
    (await page.getByTestId('timeline-date').textContent())?.includes(shownDay.slice(-4)),
    'the date shown has the year',
  );
  await slider.fill('50');
  await waitForNodeCount(page, 2);
  // The library and the school were not tied yet then: the connection was accepted today.
  await page.getByText('0 ties', { exact: true }).waitFor();
  // Keyboard works too: End goes back to now.
  await slider.focus();
  await page.keyboard.press('End');
  await waitForNodeCount(page, 4);
  assert.equal(await slider.inputValue(), '100');

  // The broker sees the suggestion: the tutors offer what the homework café needs.
  const suggestions = page.getByTestId('suggestions');
  await suggestions.getByText(/Tutors offers tutoring, which the experiment “.+” needs/).waitFor();
  assert.ok(
    (await suggestions.textContent())?.includes(`${tutors.name} ↔ ${club.name}`),
    'the suggestion names both partners',
  );
  await context.close();

  // A coordinator who is not a broker sees the suggestions too, without the button to propose.
  const cleo = await registerUser(app.server.url, 'Cleo');
  const cinv = await anna.api.req<{ token: string }>('POST', `${base}/invitations`, {
    role: 'coordinator',
  });
  await cleo.api.req('POST', `/invitations/${cinv.token}/accept`);
  const c = await signedInPage(app.browser, app.server.url, cleo.email, cleo.password);
  await c.page.goto(`${app.server.url}/w/${ws.id}/network`);
  await c.page
    .getByTestId('suggestions')
    .getByText(/Tutors offers tutoring/)
    .waitFor();
  assert.equal(await c.page.getByRole('button', { name: 'Propose', exact: true }).count(), 0);
  await c.context.close();
});
