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
