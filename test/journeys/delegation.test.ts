import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest } from '../support/harness.ts';
import { journeyPeople } from '../support/ui.ts';

// Issue 16 from the browser only: a partner delegates its vote, its delegate votes for both,
// the tally says "via", the delegator overrides with its own vote, and after closing the
// proposer's statement reaches every voter. No API call from the test; results read from pages.
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const { newPage, register, nav, addCorePartner, invite, acceptLink } = journeyPeople(app, unique);
const LIVE = { timeout: 10_000 };

test('a partner delegates its vote, the delegate votes for both, the delegator overrides, the statement reaches every voter', async () => {
  const network = 'Talentenstad Maasmechelen';
  const anna = await newPage();
  await register(anna, 'Anna');
  await anna.getByRole('heading', { name: 'Your networks' }).waitFor();
  await anna.getByRole('button', { name: 'New network' }).click();
  await anna.getByLabel('Name').fill(network);
  await anna.getByRole('button', { name: 'Create network' }).click();
  await anna.getByRole('heading', { level: 1, name: network }).waitFor();
  const home = anna.url();

  await nav(anna, 'Partners');
  for (const p of ['Gemeente Maasmechelen', 'Basisschool Het Kompas', 'Sportclub Eisden']) {
    await addCorePartner(anna, p);
  }
  await anna.goto(home);
  const bramLink = await invite(anna, 'Bram', 'Basisschool Het Kompas');
  const chrisLink = await invite(anna, 'Chris', 'Sportclub Eisden');
  await anna
    .getByTestId('members')
    .getByLabel('Partner Anna represents')
    .selectOption({ label: 'Gemeente Maasmechelen' });

  const bram = await newPage();
  const chris = await newPage('nl-BE');
  await acceptLink(bram, bramLink, 'Bram', network);
  await acceptLink(chris, chrisLink, 'Chris', network);

  // Chris, for the sports club, lets the school vote for it when the club does not vote itself.
  await nav(chris, 'Partners');
  await chris.getByTestId('partners-table').getByRole('link', { name: 'Sportclub Eisden' }).click();
  await chris.getByRole('heading', { name: 'Volmacht' }).waitFor();
  await chris.getByTestId('delegation-status').getByText('Deze partner stemt zelf.').waitFor();
  await chris.getByLabel('Volmacht aan').selectOption({ label: 'Basisschool Het Kompas' });
  await chris.getByRole('button', { name: 'Volmacht geven' }).click();
  await chris
    .getByTestId('delegation-status')
    .getByText(
      'Als Sportclub Eisden zelf niet stemt, telt de stem van Basisschool Het Kompas voor deze partner.',
    )
    .waitFor();
  // The partner list shows it too, for everyone (live on Anna's screen).
  await nav(anna, 'Partners');
  await anna
    .getByTestId('partners-table')
    .getByTestId('partner-delegation')
    .getByText('votes via Basisschool Het Kompas')
    .waitFor(LIVE);

  // Anna proposes a new partner: the electorate snapshot keeps the delegation.
  await nav(anna, 'Decisions');
  await anna.getByRole('link', { name: 'Propose a partner' }).click();
  await anna.getByLabel('Name', { exact: true }).fill('Jeugdhuis Eisden');
  await anna.getByLabel('Join the').selectOption('core');
  await anna.getByLabel('Why this partner?').fill('Young people run it and know the streets.');
  await anna.getByRole('button', { name: 'Preview' }).click();
  await anna.getByRole('button', { name: 'Open the proposal' }).click();
  await anna.getByRole('heading', { level: 1, name: 'Jeugdhuis Eisden' }).waitFor();
  const proposalUrl = anna.url();

  // Bram votes yes for the school: the sports club's vote counts through it, "via".
  await bram.goto(proposalUrl);
  await chris.goto(proposalUrl);
  await bram.getByRole('radio', { name: 'Yes' }).check();
  await bram.getByRole('button', { name: 'Cast vote' }).click();
  const viaEn = anna
    .getByTestId('votes')
    .getByRole('listitem')
    .filter({ hasText: 'Sportclub Eisden' });
  await viaEn.getByText('Sportclub Eisden — Yes (by Bram)').waitFor(LIVE);
  await viaEn.getByTestId('vote-via').getByText('(via Basisschool Het Kompas)').waitFor();
  const chrisRow = chris
    .getByTestId('votes')
    .getByRole('listitem')
    .filter({ hasText: 'Sportclub Eisden' });
  await chrisRow.getByTestId('vote-via').getByText('(via Basisschool Het Kompas)').waitFor(LIVE);
  await anna.getByText('2 of 3 partners have voted; a single objection blocks.').waitFor(LIVE);

  // Chris overrides with the club's own vote: the "via" disappears, nobody counts twice.
  await chris.getByRole('radio', { name: 'Onthouding' }).check();
  await chris.getByRole('button', { name: 'Stem uitbrengen' }).click();
  await chrisRow.getByText('Sportclub Eisden — Onthouding (door Chris)').waitFor(LIVE);
  assert.equal(await chrisRow.getByTestId('vote-via').count(), 0);
  await viaEn.getByText('Sportclub Eisden — Abstain (by Chris)').waitFor(LIVE);
  await anna.getByText('2 of 3 partners have voted; a single objection blocks.').waitFor();

  // Anna votes last: everyone has an effective vote, consensus closes.
  await anna.getByRole('radio', { name: 'Yes' }).check();
  await anna.getByRole('button', { name: 'Cast vote' }).click();
  await anna.getByTestId('proposal-outcome').getByText('Accepted — Everyone agreed.').waitFor(LIVE);

  // The proposer writes a statement on the outcome; it shows on the proposal for everyone.
  const text = 'Welcome, Jeugdhuis Eisden! First meeting on Thursday in the school.';
  await anna.getByLabel('What do you want to tell the partners about this outcome?').fill(text);
  await anna.getByRole('button', { name: 'Publish statement' }).click();
  await anna.getByTestId('statement').getByText(text).waitFor();
  await bram.getByTestId('statement').getByText(text).waitFor(LIVE);

  // Every voter hears of it: the delegate and the delegator (in Dutch), through the bell.
  for (const [page, line] of [
    [bram, `A statement on admitting Jeugdhuis Eisden in ${network}: “${text}”`],
    [chris, `Een toelichting bij de toetreding van Jeugdhuis Eisden in ${network}: “${text}”`],
  ] as const) {
    await page.getByTestId('bell').click();
    await page.getByText(line).waitFor(LIVE);
  }

  // The feed tells the delegation in sentences.
  await anna.goto(`${home}/activity`);
  await anna
    .getByTestId('activity-feed')
    .getByText('Chris let Sportclub Eisden vote through Basisschool Het Kompas', { exact: true })
    .waitFor();
  await anna
    .getByTestId('activity-feed')
    .getByText('Anna wrote a statement on the outcome for Jeugdhuis Eisden', { exact: true })
    .waitFor();

  for (const p of [anna, bram, chris]) await p.context().close();
});
