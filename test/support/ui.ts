import type { Browser, BrowserContext, Page } from 'playwright-core';

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
export async function navTo(page: Page, section: string) {
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
