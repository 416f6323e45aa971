import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

test('a newcomer without a network tries the demo and lands in a living network', async () => {
  // The account exists already; everything after signing in happens in the page.
  const anna = await registerUser(app.server.url, 'Anna');
  const { context, page } = await signedInPage(
    app.browser,
    app.server.url,
    anna.email,
    anna.password,
  );
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
