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
  // Cytoscape draws the map.
  await page.locator('canvas').first().waitFor();

  // The slider runs from just before the first partner joined (300 days ago) to now: 20% is
  // about 240 days ago (only the library), 50% about 150 days ago (library and school).
  const slider = page.getByTestId('time-slider');
  await slider.fill('20');
  await waitForNodeCount(page, 1);
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
});
