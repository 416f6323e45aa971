import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

/** Waits until the editor's text (without other people's caret labels, which may sit inside it)
 * contains `want`. */
async function editorShows(page: Page, want: string): Promise<void> {
  await page.waitForFunction(
    (text) => {
      const el = document.querySelector('[data-testid="editor"]');
      if (!el) return false;
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      return (copy.textContent ?? '').includes(text);
    },
    want,
    { timeout: 5000 },
  );
}

test('two people write the vision together and see each other’s text and carets', async () => {
  const anna = await registerUser(app.server.url, 'Anna');
  const bram = await registerUser(app.server.url, 'Bram');
  const ws = await anna.api.req<{ id: string }>('POST', '/workspaces', { name: 'Klooz Borgloon' });
  const inv = await anna.api.req<{ token: string }>('POST', `/workspaces/${ws.id}/invitations`, {
    role: 'member',
  });
  await bram.api.req('POST', `/invitations/${inv.token}/accept`);

  const a = await signedInPage(app.browser, app.server.url, anna.email, anna.password);
  const b = await signedInPage(app.browser, app.server.url, bram.email, bram.password);
  for (const { page } of [a, b]) {
    await page.goto(`${app.server.url}/w/${ws.id}/vision`);
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  }

  const editorA = a.page.getByTestId('editor');
  const editorB = b.page.getByTestId('editor');
  await editorA.click();
  await a.page.keyboard.type('Every child in Borgloon finds a place to learn.');
  await editorB
    .getByText('Every child in Borgloon finds a place to learn.')
    .waitFor({ timeout: 5000 });

  await editorB.click();
  await b.page.keyboard.press('End');
  await b.page.keyboard.type(' Together with the clubs.');
  await editorShows(
    a.page,
    'Every child in Borgloon finds a place to learn. Together with the clubs.',
  );

  // Each sees the other's caret with their name, and both in the presence list.
  await a.page
    .locator('.collaboration-carets__label', { hasText: 'Bram' })
    .waitFor({ timeout: 5000 });
  await b.page
    .locator('.collaboration-carets__label', { hasText: 'Anna' })
    .waitFor({ timeout: 5000 });
  await a.page.getByTestId('presence').getByText('Bram').waitFor();

  // Anna opens the vision in a second tab: three connections, three different colours, even
  // though two of them are the same person (whose first-choice colour is the same).
  const second = await a.context.newPage();
  await second.goto(`${app.server.url}/w/${ws.id}/vision`);
  await second.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  const presence = a.page.getByTestId('presence').locator('li');
  await a.page.waitForFunction(
    () => {
      const dots = Array.from(document.querySelectorAll('[data-testid="presence"] li span'));
      const colors = dots.map((d) => (d as HTMLElement).style.backgroundColor);
      return colors.length === 3 && new Set(colors).size === 3;
    },
    undefined,
    { timeout: 5000 },
  );
  assert.equal(await presence.count(), 3);
  await second.close();

  // The text downloads as Markdown and as a web page.
  const [md] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByTestId('export').getByRole('link', { name: 'Markdown' }).click(),
  ]);
  const mdText = await readFile((await md.path())!, 'utf8');
  assert.match(
    mdText,
    /Every child in Borgloon finds a place to learn\. Together with the clubs\./,
  );
  const [html] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByTestId('export').getByRole('link', { name: 'Web page (HTML)' }).click(),
  ]);
  assert.match(await readFile((await html.path())!, 'utf8'), /<p>Every child in Borgloon/);

  // A reload shows the text from the app.server.
  await a.page.reload();
  await editorShows(a.page, 'Together with the clubs.');

  await a.context.close();
  await b.context.close();
});
