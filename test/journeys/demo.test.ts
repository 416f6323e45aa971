import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest } from '../support/harness.ts';
import { personPage, registerInPage } from '../support/ui.ts';

const app = appUnderTest();

test('a newcomer without a network tries the demo and lands in a living network', async () => {
  // Everything happens in the page, from registering on (no API call from the test).
  const page = await personPage(app.browser);
  const context = page.context();
  const unique = Math.random().toString(36).slice(2, 8);
  await registerInPage(page, app.server.url, 'Anna', `anna-${unique}@example.test`);
  try {
    await page.getByRole('button', { name: 'Try a demo network' }).click();
    await page.getByRole('button', { name: 'Filling a demo network…' }).waitFor();
    await page
      .getByRole('heading', { level: 1, name: 'Kempen Speelt Samen (demo)' })
      .waitFor({ timeout: 60_000 });

    // Its history is there: the decisions include the one still open for Anna's vote.
    await page.getByRole('link', { name: 'Decisions' }).click();
    await page.getByText('Speelpleinwerking De Woelmuis').first().waitFor();
    await page.getByText('Welzijnshuis Heidebloem').first().waitFor();

    // Back on the networks page it is listed, with Anna as coordinator.
    await page.getByRole('link', { name: 'Networks' }).click();
    const card = page.getByRole('link', { name: /Kempen Speelt Samen \(demo\)/ });
    await card.waitFor();
    assert.match(await card.innerText(), /Coordinator/);
  } finally {
    await context.close();
  }
});
