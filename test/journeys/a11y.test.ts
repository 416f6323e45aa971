import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { registerUser, type Registered } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
// Set A11Y_SCREENSHOTS=<dir> to keep a full-page screenshot of every route checked (for review).
const SHOTS = process.env.A11Y_SCREENSHOTS;
const shotName = (where: string, size: string) =>
  `${SHOTS}/${where.replace(/[0-9a-f-]{36}|[A-Za-z0-9_-]{43}/g, 'x').replace(/[^a-z0-9]+/gi, '_')}_${size}.png`;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 390, height: 844 };
const TOUCH = { type: 'rule' as const, values: ['target-size'] };
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const LANGUAGES = [
  { lang: 'en', browserLocale: 'en-GB' },
  { lang: 'nl', browserLocale: 'nl-BE' },
] as const;

export interface SeededNetwork {
  coordinator: Registered;
  member: Registered;
  workspaceId: string;
  visionDocumentId: string;
  partnerId: string;
  proposalId: string;
  experimentId: string;
  invitationToken: string;
  surveyId: string;
}

/**
 * A network as a coordinator finds it after a few months: partners of several kinds that joined
 * over time, principles, an open proposal with a vote, a running experiment with a learning,
 * accepted and pending connections, notifications, a pending invitation and a vision with text.
 */
export async function seedNetwork(baseUrl: string, browser: Browser): Promise<SeededNetwork> {
  const anna = await registerUser(baseUrl, 'Anna');
  const bram = await registerUser(baseUrl, 'Bram', 'nl');
  const ws = await anna.api.req<{ id: string; visionDocumentId: string }>('POST', '/workspaces', {
    name: 'Klooz Borgloon',
    description: 'Youth work, schools and clubs in Borgloon learning together.',
  });
  const w = `/workspaces/${ws.id}`;
  const partner = (
    name: string,
    actorType: string,
    days: number,
    tier: 'core' | 'broad',
    expertise: string[] = [],
    targetGroups: string[] = [],
  ) =>
    anna.api.req<{ id: string }>('POST', `${w}/partners`, {
      kind: 'organisation',
      name,
      actorType,
      tier,
      joinedAt: daysAgo(days),
      motivations: ['learn_from_partners', 'greater_impact'],
      contributions: { expertise, targetGroups, resources: ['meeting room'] },
    });
  const city = await partner('Stad Borgloon', 'local_government', 220, 'core', [], ['youth']);
  const school = await partner('Basisschool De Linde', 'education', 200, 'core', [], ['pupils']);
  const youth = await partner('Jeugdhuis Klooz', 'youth_work', 150, 'core', [], ['teenagers']);
  const club = await partner('Voetbalclub Borgloon', 'sports', 120, 'broad', [], ['teenagers']);
  const tutors = await partner('Huiswerkhulp vzw', 'civil_society', 40, 'broad', ['tutoring']);
  await partner('Academie voor Beeldende Kunst', 'arts_culture', 10, 'broad', ['drawing']);

  for (const [title, description] of [
    ['Every child belongs', 'Nobody is excluded for money, language or distance.'],
    ['Learn by doing', 'We try things small and share what we learn.'],
  ]) {
    await anna.api.req('POST', `${w}/principles`, { title, description });
  }

  await anna.api.req('PATCH', `${w}/members/${anna.user.id}`, { broker: true, partnerId: city.id });
  const inv = await anna.api.req<{ token: string }>('POST', `${w}/invitations`, {
    role: 'member',
    partnerId: school.id,
  });
  await bram.api.req('POST', `/invitations/${inv.token}/accept`);
  const pending = await anna.api.req<{ token: string }>('POST', `${w}/invitations`, {
    role: 'observer',
  });

  // Connections: one accepted (both sides answer), one waiting for the school's answer.
  const tie = await anna.api.req<{ id: string }>('POST', `${w}/connections`, {
    fromPartnerId: city.id,
    toPartnerId: school.id,
    reason: 'A reading programme for pupils in the town library.',
  });
  await anna.api.req('POST', `${w}/connections/${tie.id}/respond`, { accept: true });
  await bram.api.req('POST', `${w}/connections/${tie.id}/respond`, { accept: true });
  await anna.api.req('POST', `${w}/connections`, {
    fromPartnerId: school.id,
    toPartnerId: club.id,
    reason: 'Pupils could try football after school.',
  });

  const experiment = await anna.api.req<{ id: string }>('POST', `${w}/experiments`, {
    title: 'Homework café in the youth centre',
    hypothesis: 'Teenagers do homework more often in a place they already go to.',
    status: 'running',
    partnerIds: [youth.id, club.id, city.id],
    leadPartnerId: youth.id,
    targetGroups: ['teenagers'],
    barriers: ['financial', 'distance'],
    neededExpertise: ['tutoring'],
  });
  await anna.api.req('POST', `${w}/experiments/${experiment.id}/learnings`, {
    text: 'Wednesday afternoons work best; Fridays nobody comes.',
  });
  await anna.api.req('POST', `${w}/experiments`, { title: 'Sports day for all', status: 'idea' });

  // Bram proposes a partner: Anna's partner must vote (a notification for her).
  const proposal = await bram.api.req<{ id: string }>('POST', `${w}/proposals`, {
    candidate: { kind: 'organisation', name: 'Bibliotheek Borgloon', actorType: 'arts_culture' },
    tier: 'broad',
    rationale: 'The library reaches families we do not reach yet.',
  });
  await bram.api.req('POST', `${w}/proposals/${proposal.id}/votes`, { choice: 'yes' });

  // A relationship survey wave, open for two weeks: Anna's partner (the city) is asked.
  const survey = await anna.api.req<{ id: string }>('POST', `${w}/surveys`, {
    title: 'Spring check-in',
    closesAt: new Date(Date.now() + 14 * DAY).toISOString(),
  });

  // The vision gets its text through the editor, like people write it.
  const { context, page } = await signedInPage(browser, baseUrl, anna.email, anna.password);
  await page.goto(`${baseUrl}/w/${ws.id}/vision`);
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await page.getByTestId('editor').click();
  await page.keyboard.type('Every child in Borgloon finds a place to learn, play and belong.');
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await context.close();

  return {
    coordinator: anna,
    member: bram,
    workspaceId: ws.id,
    visionDocumentId: ws.visionDocumentId,
    partnerId: tutors.id,
    proposalId: proposal.id,
    experimentId: experiment.id,
    invitationToken: pending.token,
    surveyId: survey.id,
  };
}

/** Every route of client/src/app/router.tsx, with the seeded ids filled in. */
function routes(s: SeededNetwork): { signedIn: boolean; path: string; name?: string }[] {
  const w = `/w/${s.workspaceId}`;
  return [
    { signedIn: false, path: '/', name: 'landing' },
    { signedIn: false, path: '/login' },
    { signedIn: false, path: '/register' },
    { signedIn: false, path: `/invite/${s.invitationToken}` },
    { signedIn: false, path: '/no-such-page' },
    { signedIn: true, path: '/', name: 'landing (signed in)' },
    { signedIn: true, path: '/w' },
    { signedIn: true, path: '/settings/notifications' },
    { signedIn: true, path: w },
    { signedIn: true, path: `${w}/activity` },
    { signedIn: true, path: `${w}/vision` },
    { signedIn: true, path: `${w}/documents/${s.visionDocumentId}` },
    { signedIn: true, path: `${w}/partners` },
    { signedIn: true, path: `${w}/partners/${s.partnerId}` },
    { signedIn: true, path: `${w}/principles` },
    { signedIn: true, path: `${w}/policies` },
    { signedIn: true, path: `${w}/proposals` },
    { signedIn: true, path: `${w}/proposals/new` },
    { signedIn: true, path: `${w}/proposals/${s.proposalId}` },
    { signedIn: true, path: `${w}/experiments` },
    { signedIn: true, path: `${w}/experiments/new` },
    { signedIn: true, path: `${w}/experiments/${s.experimentId}` },
    { signedIn: true, path: `${w}/connections` },
    { signedIn: true, path: `${w}/network` },
    { signedIn: true, path: `${w}/network?view=table`, name: 'network table' },
    { signedIn: true, path: `${w}/research` },
    { signedIn: true, path: `${w}/surveys` },
    { signedIn: true, path: `${w}/surveys/${s.surveyId}` },
    { signedIn: true, path: `${w}/participation` },
    {
      signedIn: true,
      path: `${w}/participation?partner=${s.partnerId}`,
      name: 'participation of one partner',
    },
    { signedIn: true, path: '/no-such-page', name: 'not found (signed in)' },
  ];
}

/**
 * The router's paths (`path: '…'` in client/src/app/router.tsx), each as a pattern for the end
 * of a visited path: a page added to the router without being added here fails the check.
 */
function routerPaths(): { path: string; pattern: RegExp }[] {
  const source = readFileSync(new URL('../../client/src/app/router.tsx', import.meta.url), 'utf8');
  return [...source.matchAll(/\bpath: '([^']+)'/g)]
    .map((m) => m[1]!)
    .filter((path) => path !== '*')
    .map((path) => ({
      path,
      pattern: new RegExp(`/${path.replace(/:[a-z]+/gi, '[^/]+')}$`),
    }));
}

test('the check visits every route of the router', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const visited = routes({
    coordinator: undefined as unknown as Registered,
    member: undefined as unknown as Registered,
    workspaceId: id,
    visionDocumentId: id,
    partnerId: id,
    proposalId: id,
    experimentId: id,
    invitationToken: 'token',
    surveyId: id,
  }).map((r) => r.path.split('?')[0]!);
  const paths = routerPaths();
  assert.ok(paths.length >= 25, `found only ${paths.length} paths in the router`);
  const missing = paths.filter((r) => !visited.some((v) => r.pattern.test(v))).map((r) => r.path);
  assert.deepEqual(missing, [], 'routes of the router the accessibility check does not visit');
});

/** The page has its heading, no spinner, and (for documents) a synced editor. */
async function settle(page: Page, path: string, where: string): Promise<void> {
  await page
    .locator('main :is(h1, h2)')
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error(`${where}: no heading appeared in main`);
    });
  await page.waitForFunction(() => !document.querySelector('.animate-spin'));
  if (/\/(vision|documents\/)/.test(path)) {
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  }
  if (path.includes('/network')) {
    await page.locator('[data-testid="node-count"]').waitFor();
  }
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core on the page as it is: the WCAG tags, or (on a phone) given rules such as target-size. */
async function axe(
  page: Page,
  runOnly: { type: 'tag' | 'rule'; values: string[] },
): Promise<AxeResult> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the app's CSP (no
  // inline scripts) stays exactly as users get it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (only) =>
      (
        window as unknown as {
          axe: { run(ctx: Document, opts: object): Promise<AxeResult> };
        }
      ).axe.run(document, { runOnly: only, resultTypes: ['violations'] }),
    runOnly,
  );
}

function report(problems: string[], result: AxeResult, where: string): void {
  for (const v of result.violations) {
    for (const n of v.nodes) {
      problems.push(`axe ${v.id} (${v.impact}) on ${where} at ${n.target.join(' ')}: ${v.help}`);
    }
  }
}

/** The page is no wider than the screen; when it is, name the first element that sticks out. */
async function overflow(page: Page, where: string): Promise<string[]> {
  const size = page.viewportSize();
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    let widest = '';
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const right = el.getBoundingClientRect().right;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') clipped = true;
      }
      if (right > root.clientWidth + 1 && !clipped) {
        const cls = String(el.getAttribute('class') ?? '')
          .split(' ')
          .slice(0, 4)
          .join('.');
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${cls} (right ${Math.round(right)})`;
        break;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  return scrollWidth > clientWidth
    ? [
        `overflow on ${where} at ${size?.width}×${size?.height}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}; first wide element: ${widest}`,
      ]
    : [];
}

/**
 * The client downloads its messages in parts (client/src/i18n/i18n.tsx): a page that shows a
 * key such as `network.title` instead of its words asked for the wrong part.
 */
const NAMESPACES =
  'app|nav|home|layout|landing|stages|auth|workspaces|roles|members|invitations|activity|documents|partners|principles|proposals|policies|experiments|connections|network|notifications|exporting|validation|demo|errors|coalition|deliberation|research|surveys|participation|threads';
async function messageKeys(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(
    (ns) => document.body.innerText.match(new RegExp(`\\b(?:${ns})\\.[A-Za-z]+\\b`, 'g')),
    NAMESPACES,
  );
  return found ? [`message keys instead of words on ${where}: ${found.join(', ')}`] : [];
}

async function contextFor(
  signedIn: boolean,
  user: Registered,
  locale: { lang: string; browserLocale: string },
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const { browser, server } = app;
  const opened = signedIn
    ? await signedInPage(browser, server.url, user.email, user.password, locale.browserLocale)
    : await (async () => {
        const context = await browser.newContext({ locale: locale.browserLocale });
        return { context, page: await context.newPage() };
      })();
  await opened.page.setViewportSize(viewport);
  // The chosen language wins over the account's (login stores the account's).
  await opened.context.addInitScript(
    (l) => localStorage.setItem('coalesce.locale', l),
    locale.lang,
  );
  return opened;
}

test('every route passes axe (WCAG 2.0/2.1 A and AA) in Dutch and English, and fits a phone', async () => {
  const seeded = await seedNetwork(app.server.url, app.browser);
  const problems: string[] = [];
  let checked = 0;
  for (const locale of LANGUAGES) {
    for (const signedIn of [false, true]) {
      const desktop = await contextFor(signedIn, seeded.coordinator, locale, {
        width: 1280,
        height: 800,
      });
      const phone = await contextFor(signedIn, seeded.coordinator, locale, PHONE);
      for (const r of routes(seeded).filter((x) => x.signedIn === signedIn)) {
        const where = `${r.name ?? r.path} [${locale.lang}]`;
        await desktop.page.goto(`${app.server.url}${r.path}`);
        await settle(desktop.page, r.path, where);
        const lang = await desktop.page.evaluate(() => document.documentElement.lang);
        assert.equal(lang, locale.lang, `${where}: the page is in ${lang}`);
        problems.push(...(await messageKeys(desktop.page, where)));
        report(problems, await axe(desktop.page, { type: 'tag', values: WCAG }), where);
        if (SHOTS)
          await desktop.page.screenshot({ path: shotName(where, 'desktop'), fullPage: true });
        await phone.page.goto(`${app.server.url}${r.path}`);
        await settle(phone.page, r.path, `${where} on a phone`);
        if (SHOTS) await phone.page.screenshot({ path: shotName(where, 'phone'), fullPage: true });
        // Touch: every control at least 24 by 24 px, or spaced as if it were (WCAG 2.2 2.5.8).
        report(problems, await axe(phone.page, TOUCH), `${where} on a phone`);
        problems.push(...(await overflow(phone.page, where)));
        // The narrowest common phone too, without reloading: the page reflows.
        await phone.page.setViewportSize({ width: 360, height: 740 });
        problems.push(...(await overflow(phone.page, where)));
        await phone.page.setViewportSize(PHONE);
        checked++;
      }
      await desktop.context.close();
      await phone.context.close();
    }
  }
  if (problems.length) console.log(`\n${problems.join('\n')}\n`);
  assert.equal(problems.length, 0, `${problems.length} accessibility or overflow problems`);
  assert.ok(checked >= 50, `checked ${checked} route states`);
});

test('on a phone the header folds into a menu that works from the keyboard', async () => {
  const context = await app.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  await page.goto(app.server.url);
  const button = page.getByRole('button', { name: 'Menu' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  // The language switch and sign-in are folded away, not squeezed off the screen.
  assert.equal(await page.getByLabel('Language').isVisible(), false);

  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await menu.getByRole('link', { name: 'Sign in' }).waitFor();
  await menu.getByLabel('Language').waitFor();
  const problems: string[] = [];
  report(problems, await axe(page, { type: 'tag', values: WCAG }), 'open phone menu [en]');
  assert.deepEqual(problems, []);
  assert.ok(
    await page.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    ),
  );

  // Escape closes it and gives the focus back to the button.
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Menu');
  await context.close();
});
