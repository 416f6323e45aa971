import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIVITY_EVENT_PREFIXES, ACTIVITY_EVENT_TYPES } from '@coalesce/shared';
import type { Page } from 'playwright-core';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';

const app = appUnderTest();

/** An event code as the log stores it (`vote.cast`, `proposal.statement_added`). */
const EVENT_CODE = new RegExp(`\\b(?:${ACTIVITY_EVENT_PREFIXES.join('|')})\\.[a-z_]+\\b`);

/** Types the demo network leaves out (see server/src/modules/demo/demo.e2e-spec.ts). */
const NOT_IN_DEMO = new Set(['principle.reordered']);

/**
 * The English sentences the server sent in refusals (`message`, `details[].message`) while the
 * page was used: API clients read them, people must not.
 */
function collectServerSentences(page: Page): Set<string> {
  const sentences = new Set<string>();
  page.on('response', async (res) => {
    if (!res.url().includes('/api/') || res.status() < 400) return;
    const body = (await res.json().catch(() => null)) as {
      message?: unknown;
      details?: { message?: unknown }[];
    } | null;
    for (const m of [body?.message, ...(body?.details ?? []).map((d) => d.message)]) {
      if (typeof m === 'string' && m.length > 8) sentences.add(m);
    }
  });
  return sentences;
}

/** The whole activity log on the page: "Show older" until there is nothing older. */
async function wholeLog(page: Page, more: string): Promise<{ text: string; types: Set<string> }> {
  const feed = page.getByTestId('activity-feed');
  await feed.waitFor();
  const button = page.getByRole('button', { name: more });
  for (let i = 0; i < 100 && (await button.count()) > 0; i++) {
    const before = await feed.locator('li').count();
    await button.click();
    await page.waitForFunction(
      ([n, label]) =>
        document.querySelectorAll('[data-testid="activity-feed"] li').length > n ||
        ![...document.querySelectorAll('button')].some((b) => b.textContent === label),
      [before, more] as const,
    );
  }
  const types = new Set(
    await feed.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')!)),
  );
  return { text: await feed.innerText(), types };
}

test('the demo network’s whole history reads as sentences in Dutch and English, without the server’s English', async () => {
  const lies = await registerUser(app.server.url, 'Lies', 'nl');
  const context = await app.browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  const refused = collectServerSentences(page);
  try {
    // A mistyped password first: the refusal reads in Dutch, not as the server's English.
    await page.goto(`${app.server.url}/login`);
    await page.getByLabel('E-mailadres').fill(lies.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText('Dit e-mailadres en wachtwoord horen niet bij een account.').waitFor();
    assert.ok(refused.size > 0, 'the server refused the wrong password');
    const alert = await page.getByRole('alert').first().innerText();
    for (const s of refused) assert.ok(!alert.includes(s), `the server's “${s}” on the login page`);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(lies.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Jouw netwerken' }).waitFor();

    // Every feature of the product at once: the demo writes every event type the server has.
    await page.getByRole('button', { name: 'Probeer een demonetwerk' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Kempen Speelt Samen (demo)' })
      .waitFor({ timeout: 90_000 });
    const home = page.url().replace(/\/$/, '');

    const dutch = await (async () => {
      await page.goto(`${home}/activity`);
      return wholeLog(page, 'Oudere tonen');
    })();
    const expected = ACTIVITY_EVENT_TYPES.filter((t) => !NOT_IN_DEMO.has(t));
    assert.deepEqual(
      expected.filter((t) => !dutch.types.has(t)),
      [],
      'event types the demo wrote but the page does not show',
    );
    assert.doesNotMatch(dutch.text, EVENT_CODE, 'an event code on the Dutch activity page');
    assert.doesNotMatch(dutch.text, /\{\w+\}/, 'an unfilled slot on the Dutch activity page');

    // The Dutch pages people use most show none of the server's English, and neither does a
    // refusal: an empty connection reason, or any other the pages provoke.
    for (const path of ['', '/proposals', '/experiments', '/connections', '/network', '/surveys']) {
      await page.goto(`${home}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const text = await page.locator('body').innerText();
      assert.doesNotMatch(text, EVENT_CODE, `an event code on ${path || 'the overview'}`);
      for (const s of refused) assert.ok(!text.includes(s), `the server's “${s}” on ${path}`);
    }

    // The map of some 25 partners draws its names without one covering another.
    await page.goto(`${home}/network`);
    const canvas = page.locator('[data-testid="network-canvas"][data-overlaps]');
    await canvas.waitFor({ timeout: 30_000 });
    assert.equal(await canvas.getAttribute('data-overlaps'), '0', 'names overlap on the map');

    // The same history in English, after switching the language in the header.
    // The switch loads the English words before it shows them, and stores the choice on the
    // account: a navigation before both would come back in Dutch.
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/api/me',
    );
    await page.locator('[data-testid="language-switch"]:visible').selectOption('en');
    await saved;
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${home}/activity`);
    const english = await wholeLog(page, 'Show older');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(english.types.size, dutch.types.size);
    assert.doesNotMatch(english.text, EVENT_CODE, 'an event code on the English activity page');
    assert.doesNotMatch(english.text, /\{\w+\}/, 'an unfilled slot on the English activity page');
  } finally {
    await context.close();
  }
});
