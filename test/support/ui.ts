import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppUnderTest } from './harness.ts';

/** A browser context signed in through the real login page (session cookie + csrf cookie). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  locale = 'en-GB',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Email address|E-mailadres/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Aanmelden)$/ }).click();
  await page.getByRole('heading', { name: /Your networks|Jouw netwerken/ }).waitFor();
  return { context, page };
}

/** A new browser context (its own cookies: one person) and its page. */
export async function personPage(browser: Browser, locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

/** Creates an account through the register page, in English or Dutch. */
export async function registerInPage(
  page: Page,
  baseUrl: string,
  name: string,
  email: string,
  password = 'a long enough password',
) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel(/^(Your name|Je naam)$/).fill(name);
  await page.getByLabel(/^(Email address|E-mailadres)$/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord)$/).fill(password);
  await page.getByRole('button', { name: /^(Create account|Account maken)$/ }).click();
  await page.getByRole('heading', { name: /^(Your networks|Jouw netwerken)$/ }).waitFor();
}

/** "New network" on the networks page; resolves on the new network's overview. */
export async function createNetworkInPage(page: Page, name: string) {
  await page.getByRole('button', { name: 'New network' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A link of the workspace's main navigation. */
export async function navTo(page: Page, section: string | RegExp) {
  await page
    .getByRole('navigation', { name: /^(Main navigation|Hoofdnavigatie)$/ })
    .getByRole('link', { name: section })
    .first()
    .click();
}

/** On the partners page (English): adds a partner in the given circle. */
export async function addPartnerInPage(page: Page, name: string, circle: 'core' | 'broad') {
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Circle', { exact: true }).selectOption(circle);
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByTestId('partners-table').getByRole('link', { name }).waitFor();
}

/**
 * The steps the people of a journey share, for one run (`unique` keeps its emails apart from
 * other runs on the same database; `app` is read when a step runs, after the harness started it): a browser per person, registering, the main navigation,
 * adding a core partner, inviting someone as a partner's representative and following the link.
 */
export function journeyPeople(app: AppUnderTest, unique: string) {
  const email = (name: string) => `${name.toLowerCase()}-${unique}@example.test`;

  /** A new person: their own browser context (downloads allowed), in `locale`. */
  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await app.browser.newContext({ locale, acceptDownloads: true });
    return context.newPage();
  }

  /** Fills the register form (opened first unless `goto` is false) and sends it. */
  async function register(page: Page, name: string, goto = true) {
    if (goto) await page.goto(`${app.server.url}/register`);
    await page.getByLabel(/^(Your name|Je naam)$/).fill(name);
    await page.getByLabel(/^(Email address|E-mailadres)$/).fill(email(name));
    await page.getByLabel(/^(Password|Wachtwoord)$/).fill('a long enough password');
    await page.getByRole('button', { name: /^(Create account|Account maken)$/ }).click();
  }

  /** On the members page (English): invites `name` to represent `partner`; returns the link. */
  async function invite(page: Page, name: string, partner: string): Promise<string> {
    const form = page.getByRole('form', { name: 'Invite someone' });
    await form.getByLabel(/^Email/).fill(email(name));
    await form.getByLabel('Represents partner').selectOption({ label: partner });
    await form.getByRole('button', { name: 'Create invitation' }).click();
    const row = page
      .getByTestId('pending-invitations')
      .getByRole('listitem', { name: email(name) });
    await row.getByText(`represents ${partner}`).waitFor();
    await row.getByRole('button', { name: 'Copy link' }).click();
    return row.getByTestId('pending-invitation-link').inputValue();
  }

  /** Follows an invitation link as a newcomer (English or Dutch) and lands live in the network. */
  async function acceptLink(page: Page, link: string, name: string, network: string) {
    await page.goto(link);
    await page.getByRole('link', { name: /^(Create account|Account maken)$/ }).click();
    await register(page, name, false);
    await page
      .getByRole('heading', { name: new RegExp(`^(Join|Word lid van) ${network}`) })
      .waitFor();
    await page
      .getByRole('button', { name: /^(Accept invitation|Uitnodiging aanvaarden)$/ })
      .click();
    await page.getByRole('heading', { level: 1, name: network }).waitFor();
    await page.locator('[data-testid="live"][data-live="true"]').waitFor();
  }

  return {
    email,
    newPage,
    register,
    invite,
    acceptLink,
    nav: navTo,
    addCorePartner: (page: Page, name: string) => addPartnerInPage(page, name, 'core'),
  };
}
