import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';

// Comment threads anchored in the vision, and comparing a version with the live text: three
// people in three browsers, set up by clicking and typing only.
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const email = (name: string) => `${name.toLowerCase()}-${unique}@example.test`;
const LIVE = { timeout: 10_000 };
const SENTENCE = 'Every child finds a place to learn.';
/** Where screenshots go when asked for (SCREENSHOT_DIR=…): the panel and the diff, nl and en. */
const SHOTS = process.env.SCREENSHOT_DIR;

async function newPage(locale = 'en-GB'): Promise<Page> {
  const context = await app.browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function register(page: Page, name: string, goto = true) {
  if (goto) await page.goto(`${app.server.url}/register`);
  await page.getByLabel(/^(Your name|Je naam)$/).fill(name);
  await page.getByLabel(/^(Email address|E-mailadres)$/).fill(email(name));
  await page.getByLabel(/^(Password|Wachtwoord)$/).fill('a long enough password');
  await page.getByRole('button', { name: /^(Create account|Account maken)$/ }).click();
}

async function invite(page: Page, name: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel(/^Email/).fill(email(name));
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const row = page.getByTestId('pending-invitations').getByRole('listitem', { name: email(name) });
  await row.getByRole('button', { name: 'Copy link' }).click();
  return row.getByTestId('pending-invitation-link').inputValue();
}

async function acceptLink(page: Page, link: string, name: string, network: string) {
  await page.goto(link);
  await page.getByRole('link', { name: /^(Create account|Account maken)$/ }).click();
  await register(page, name, false);
  await page.getByRole('button', { name: /^(Accept invitation|Uitnodiging aanvaarden)$/ }).click();
  await page.getByRole('heading', { level: 1, name: network }).waitFor();
}

async function openVision(page: Page) {
  await page
    .getByRole('navigation', { name: /^(Main navigation|Hoofdnavigatie)$/ })
    .getByRole('link', { name: /^(Vision|Visie)$/ })
    .first()
    .click();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor(LIVE);
}

/** Drags the mouse across `text` in the editor, as a person selects a sentence. */
async function selectText(page: Page, text: string) {
  const box = await page.evaluate((want) => {
    const root = document.querySelector('[data-testid="editor"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(want);
      if (i < 0) continue;
      // No helper functions in here: the bundler would name them with a helper the page lacks.
      n.parentElement!.scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const first = r.getBoundingClientRect();
      r.setStart(n, i + want.length - 1);
      r.setEnd(n, i + want.length);
      const last = r.getBoundingClientRect();
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    }
    return null;
  }, text);
  assert.ok(box, `"${text}" is in the editor`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((want) => window.getSelection()?.toString() === want, text);
}

/** The texts the editor highlights as anchored. */
const highlights = (page: Page) =>
  page.locator('[data-testid="editor"] .thread-anchor').allTextContents();

async function highlightIs(page: Page, want: string) {
  await page.waitForFunction(
    (w) =>
      Array.from(document.querySelectorAll('[data-testid="editor"] .thread-anchor'))
        .map((e) => e.textContent)
        .join('') === w,
    want,
    LIVE,
  );
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core finds no WCAG 2.1 A/AA problem on the page as it is, nor small targets on a phone. */
async function accessible(page: Page, where: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const problems: string[] = [];
  for (const [size, only] of [
    [
      { width: 1280, height: 800 },
      { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    ],
    [
      { width: 390, height: 844 },
      { type: 'rule', values: ['target-size'] },
    ],
  ] as const) {
    await page.setViewportSize(size);
    const result = await page.evaluate(
      (runOnly) =>
        (
          window as unknown as {
            axe: {
              run(
                ctx: Document,
                opts: object,
              ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe.run(document, { runOnly, resultTypes: ['violations'] }),
      only,
    );
    for (const v of result.violations) {
      for (const n of v.nodes) problems.push(`${v.id} at ${n.target.join(' ')} (${size.width}px)`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(problems, [], `axe on ${where}`);
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150);
    await page.getByTestId('doc-threads').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${name}-threads-${w}.png`) });
    const compare = page.getByTestId('version-compare');
    if (await compare.count()) {
      await compare.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `${name}-diff-${w}.png`) });
    }
    if (w === 1280)
      await page.screenshot({ path: join(SHOTS, `${name}-full-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a comment on a sentence of the vision follows the text; the history compares a version with now', async () => {
  const network = 'Leerstad Hasselt';
  const anna = await newPage();
  await register(anna, 'Anna');
  await anna.getByRole('button', { name: 'New network' }).click();
  await anna.getByLabel('Name').fill(network);
  await anna.getByRole('button', { name: 'Create network' }).click();
  await anna.getByRole('heading', { level: 1, name: network }).waitFor();
  const bramLink = await invite(anna, 'Bram');
  const chrisLink = await invite(anna, 'Chris');
  const bram = await newPage();
  const chris = await newPage('nl-BE');
  await acceptLink(bram, bramLink, 'Bram', network);
  await acceptLink(chris, chrisLink, 'Chris', network);

  // Anna writes two paragraphs and saves them as a version.
  await openVision(anna);
  await anna.getByTestId('editor').click();
  await anna.keyboard.type(`Our shared goal. ${SENTENCE} Nobody stays behind.`);
  await anna.keyboard.press('Enter');
  await anna.keyboard.type('We meet every month.');
  await anna.getByLabel('Name this version').fill('First draft');
  await anna.getByRole('button', { name: 'Save version' }).click();
  await anna.getByTestId('versions').getByText('First draft').waitFor();

  // She selects the sentence and comments on it.
  await selectText(anna, SENTENCE);
  await anna.getByRole('button', { name: /Comment$/ }).click();
  const form = anna.getByTestId('new-thread');
  await form.getByText(SENTENCE).waitFor();
  await form.getByLabel(/^Write a comment/).fill('Can we say “every young person” here?');
  await form.getByRole('button', { name: 'Post comment' }).click();
  const annaThread = anna.getByTestId('doc-threads').getByTestId('doc-thread');
  await annaThread.getByText('Can we say “every young person” here?').waitFor();
  await highlightIs(anna, SENTENCE);

  // Bram, in his own browser, sees the highlight and the thread.
  await openVision(bram);
  await highlightIs(bram, SENTENCE);
  const bramThread = bram.getByTestId('doc-threads').getByTestId('doc-thread');
  await bramThread.getByText(SENTENCE).waitFor();
  await bramThread.getByText('Anna').waitFor();

  // Chris types before the anchored sentence, at the very start and inside its paragraph: the
  // highlight stays on the same words everywhere.
  await openVision(chris);
  await highlightIs(chris, SENTENCE);
  await chris.getByTestId('editor').click();
  await chris.keyboard.press('Control+Home');
  await chris.keyboard.type('Hasselt learns. ');
  // … and changes the last words of the document.
  await chris.keyboard.press('Control+End');
  for (let i = 0; i < 'month.'.length; i++) await chris.keyboard.press('Backspace');
  await chris.keyboard.type('week.');
  for (const p of [anna, bram, chris]) {
    await p.getByTestId('editor').getByText('We meet every week.').waitFor(LIVE);
    await highlightIs(p, SENTENCE);
  }
  assert.deepEqual(await highlights(bram), [SENTENCE]);

  // Choosing the thread selects its text.
  await bramThread.click();
  await bram.waitForFunction((w) => window.getSelection()?.toString() === w, SENTENCE);
  assert.equal(await bramThread.getAttribute('data-active'), 'true');
  // … and opens its discussion: Bram replies, Anna sees the reply.
  await bramThread.getByLabel(/^Reply…/).fill('Yes, and every adult too.');
  await bramThread.getByRole('button', { name: 'Reply', exact: true }).click();
  await annaThread.getByText('Yes, and every adult too.').waitFor(LIVE);

  // The history compares the first draft with the live text: Chris's words are added.
  await anna
    .getByTestId('version')
    .filter({ hasText: 'First draft' })
    .getByRole('button', { name: 'Compare' })
    .click();
  const compare = anna.getByTestId('version-compare');
  await compare.getByRole('heading', { name: 'Changes since “First draft”' }).waitFor();
  await compare.getByTestId('diff-stats').getByText('0 added, 0 removed, 2 changed').waitFor();
  const added = compare.locator('ins[data-diff="insert"]');
  assert.equal(
    (await added.allTextContents()).join('|'),
    '[added: Hasselt learns. ]|[added: week]',
  );
  const removed = compare.locator('del[data-diff="delete"]');
  assert.equal((await removed.allTextContents()).join('|'), '[removed: month]');
  await compare
    .locator('[data-diff-block="changed"]')
    .getByText(SENTENCE, { exact: false })
    .waitFor();

  // The same comparison in Dutch, for Chris.
  await chris.getByTestId('version').filter({ hasText: 'First draft' }).waitFor(LIVE);
  await chris
    .getByTestId('version')
    .filter({ hasText: 'First draft' })
    .getByRole('button', { name: 'Vergelijken' })
    .click();
  const compareNl = chris.getByTestId('version-compare');
  await compareNl.getByText('0 toegevoegd, 0 verwijderd, 2 gewijzigd').waitFor(LIVE);

  // The open thread and the comparison pass axe, in both languages and on a phone.
  await accessible(anna, 'the vision with a thread and a comparison open (en)');
  await accessible(chris, 'the vision with a comparison open (nl)');
  await shoot(anna, 'en');
  await shoot(chris, 'nl');

  // Anna deletes the commented sentence: the thread stays, with its quote, marked as removed.
  await selectText(anna, SENTENCE);
  await anna.keyboard.press('Backspace');
  await bram
    .getByTestId('doc-threads')
    .locator('[data-testid="doc-thread"][data-removed="true"]')
    .getByText('text removed')
    .waitFor(LIVE);
  await bramThread.getByText(SENTENCE).waitFor();
  assert.deepEqual(await highlights(bram), []);
  await shoot(bram, 'en-removed');

  for (const p of [anna, bram, chris]) await p.context().close();
});
