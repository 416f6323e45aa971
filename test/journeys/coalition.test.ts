import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';
import { journeyPeople } from '../support/ui.ts';

// A coalition that runs itself from the browser: everything below is clicks and typing in four
// browser contexts, with no API call from the test. Results are read from the pages only.
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const people = journeyPeople(app, unique);
const { email, newPage, register, nav, addCorePartner, acceptLink } = people;

/** Invites as everyone does, and checks the form empties for the next person. */
async function invite(page: Page, name: string, partner: string): Promise<string> {
  const link = await people.invite(page, name, partner);
  const form = page.getByRole('form', { name: 'Invite someone' });
  assert.equal(await form.getByLabel(/^Email/).inputValue(), '');
  assert.equal(await form.getByLabel('Represents partner').inputValue(), '');
  return link;
}
const LIVE = { timeout: 10_000 };

async function voteYes(page: Page) {
  await page.getByRole('radio', { name: /^(Yes|Ja)$/ }).check();
  await page.getByRole('button', { name: /^(Cast vote|Stem uitbrengen)$/ }).click();
}

test('a coalition runs itself from the browser: representation, admission with a contact, votes, a broker tie', async () => {
  const network = 'Talentenstad Genk';
  const anna = await newPage();
  await register(anna, 'Anna');
  await anna.getByRole('heading', { name: 'Your networks' }).waitFor();
  await anna.getByRole('button', { name: 'New network' }).click();
  await anna.getByLabel('Name').fill(network);
  await anna.getByRole('button', { name: 'Create network' }).click();
  await anna.getByRole('heading', { level: 1, name: network }).waitFor();
  const home = anna.url();

  // Three core partners; none has a representative yet, and the list says so.
  await nav(anna, 'Partners');
  for (const p of ['Stad Genk', 'Basisschool De Regenboog', 'Sportclub Genk']) {
    await addCorePartner(anna, p);
  }
  const table = anna.getByTestId('partners-table');
  await table.getByText('No representative').nth(2).waitFor();

  // Two people invited as representatives; Anna represents the city herself.
  await anna.goto(home);
  const bramLink = await invite(anna, 'Bram', 'Basisschool De Regenboog');
  const chrisLink = await invite(anna, 'Chris', 'Sportclub Genk');
  assert.notEqual(bramLink, chrisLink);
  const members = anna.getByTestId('members');
  await members.getByLabel('Partner Anna represents').selectOption({ label: 'Stad Genk' });

  const bram = await newPage();
  const chris = await newPage();
  await acceptLink(bram, bramLink, 'Bram', network);
  await acceptLink(chris, chrisLink, 'Chris', network);

  // Anna sees both join with their partners, and makes Bram a broker.
  await members.getByLabel('Partner Bram represents').waitFor(LIVE);
  assert.equal(
    await members.getByLabel('Partner Chris represents').locator('option:checked').textContent(),
    'Sportclub Genk',
  );
  const bramRow = members.getByRole('listitem').filter({ hasText: 'Bram' });
  // The box follows the server's answer, not the click.
  await bramRow.getByRole('checkbox', { name: 'Broker' }).click();
  await bramRow.getByRole('checkbox', { name: 'Broker', checked: true }).waitFor();
  await bram.getByTestId('members').getByText('represents Basisschool De Regenboog').waitFor(LIVE);
  await nav(anna, 'Partners');
  await table.getByText('No representative').first().waitFor({ state: 'detached' });

  // Bram proposes a new organisation with a contact, previews it, then opens it.
  await nav(bram, 'Decisions');
  await bram.getByRole('link', { name: 'Propose a partner' }).click();
  await bram.getByLabel('Name', { exact: true }).fill('Jeugdhuis Genk');
  await bram.getByLabel('Contact person’s email (optional)').fill(email('Dana'));
  await bram.getByLabel('Join the').selectOption('core');
  await bram
    .getByLabel('Why this partner?')
    .fill('Young people run it; they know what the neighbourhood needs.');
  await bram.getByRole('button', { name: 'Preview' }).click();
  await bram
    .getByTestId('preview-rule')
    .getByText('Accepted when every partner agrees: a single no blocks.')
    .waitFor();
  const electorate = bram.getByTestId('preview-electorate');
  for (const p of ['Stad Genk', 'Basisschool De Regenboog', 'Sportclub Genk']) {
    await electorate.getByText(`${p} — weight 1 · 1 representative`).waitFor();
  }
  assert.equal(await bram.getByTestId('preview-warnings').count(), 0);
  await bram.getByRole('button', { name: 'Open the proposal' }).click();
  await bram.getByRole('heading', { level: 1, name: 'Jeugdhuis Genk' }).waitFor();
  const proposalUrl = bram.url();

  // All three vote yes from their own browsers; every screen turns to "accepted" by itself.
  await anna.goto(proposalUrl);
  await chris.goto(proposalUrl);
  for (const p of [anna, bram, chris]) await p.getByRole('button', { name: 'Cast vote' }).waitFor();
  await voteYes(anna);
  await voteYes(chris);
  await voteYes(bram);
  for (const p of [anna, bram, chris]) {
    await p.getByTestId('proposal-outcome').getByText('Accepted — Everyone agreed.').waitFor(LIVE);
  }

  // The contact registers with that address (in Dutch), finds the invitation and accepts it.
  const dana = await newPage('nl-BE');
  await register(dana, 'Dana');
  const pending = dana.getByTestId('my-invitations');
  await pending
    .getByRole('listitem', { name: network })
    .getByRole('button', { name: 'Aanvaarden', exact: true })
    .click();
  await dana.getByRole('heading', { level: 1, name: network }).waitFor();
  await dana.getByTestId('members').getByText('vertegenwoordigt Jeugdhuis Genk').waitFor();

  // Anna opens the next proposal; Dana votes on it for the youth centre.
  await nav(anna, 'Decisions');
  await anna.getByRole('link', { name: 'Propose a partner' }).click();
  await anna.getByLabel('Name', { exact: true }).fill('Bibliotheek Genk');
  await anna.getByLabel('Why this partner?').fill('Books, homework help and a quiet place.');
  await anna.getByRole('button', { name: 'Preview' }).click();
  await anna
    .getByTestId('preview-electorate')
    .getByText(/^Jeugdhuis Genk — weight 1/)
    .waitFor();
  await anna.getByRole('button', { name: 'Open the proposal' }).click();
  await anna.getByRole('heading', { level: 1, name: 'Bibliotheek Genk' }).waitFor();
  await dana.goto(anna.url());
  await voteYes(dana);
  await dana.getByTestId('votes').getByText('Jeugdhuis Genk — Ja (door Dana)').waitFor();
  await anna.getByTestId('votes').getByText('Jeugdhuis Genk — Yes (by Dana)').waitFor(LIVE);

  // The broker proposes a tie between the city and the youth centre; both sides answer.
  await nav(bram, 'Connections');
  await bram.getByLabel('Partner', { exact: true }).selectOption({ label: 'Stad Genk' });
  await bram.getByLabel('Connect with').selectOption({ label: 'Jeugdhuis Genk' });
  await bram
    .getByLabel('Why should they meet?')
    .fill('The city looks for youth voices in its plans.');
  await bram.getByRole('button', { name: 'Propose', exact: true }).click();
  const tie = 'Stad Genk ↔ Jeugdhuis Genk';
  for (const [p, section, accept] of [
    [anna, 'Connections', 'Accept'],
    [dana, 'Verbindingen', 'Aanvaarden'],
  ] as const) {
    await nav(p, section);
    await p
      .getByTestId('inbox')
      .getByRole('listitem', { name: tie })
      .getByRole('button', { name: accept, exact: true })
      .click();
  }
  await bram
    .getByTestId('connections')
    .getByRole('listitem', { name: tie })
    .getByText('Accepted', { exact: true })
    .waitFor(LIVE);

  // The map shows the tie.
  await nav(chris, 'Network map');
  await chris.getByTestId('ties').locator('summary').click();
  // Either way round: the map does not order a tie's two ends.
  await chris
    .getByTestId('ties')
    .getByText(/^(Stad Genk ↔ Jeugdhuis Genk|Jeugdhuis Genk ↔ Stad Genk) \(connection\)$/)
    .waitFor();

  for (const p of [anna, bram, chris, dana]) await p.context().close();
});
