import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';
import {
  addPartnerInPage,
  createNetworkInPage,
  navTo,
  personPage,
  registerInPage,
} from '../support/ui.ts';

// Issue 12's controls that the coalition journey does not reach, with clicks alone (no API call
// from the test, results read from the pages): the invitation form's guard against an observer
// broker, a bulk invitation naming partners, the partner page's representatives, the preview's
// warning, why a broad partner may not vote, and the policy editor in words (English and Dutch).
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const email = (name: string) => `${name.toLowerCase()}-${unique}@example.test`;
const LIVE = { timeout: 10_000 };

async function acceptInApp(page: Page, network: string, accept: string) {
  await page
    .getByTestId('my-invitations')
    .getByRole('listitem', { name: network })
    .getByRole('button', { name: accept, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: network }).waitFor();
}

test('representation from the browser: bulk invitations, representatives, the preview’s warning, the policy in words', async () => {
  const network = 'Speelpleinen Genk';
  const anna = await personPage(app.browser);
  await registerInPage(anna, app.server.url, 'Anna', email('Anna'));
  await createNetworkInPage(anna, network);
  const home = anna.url();
  await navTo(anna, 'Partners');
  await addPartnerInPage(anna, 'Stad Genk', 'core');
  await addPartnerInPage(anna, 'Sportclub Genk', 'core');
  await addPartnerInPage(anna, 'Jeugdhuis Genk', 'broad');
  await anna.getByTestId('partners-table').getByText('No representative').nth(2).waitFor();

  // The form does not let an observer be a broker.
  await anna.goto(home);
  const single = anna.getByRole('form', { name: 'Invite someone' });
  await single.getByLabel('Also a broker').check();
  await single.getByLabel('Role', { exact: true }).selectOption('observer');
  await single.getByText('Observers follow along; they cannot be brokers.').waitFor();
  assert.equal(await single.getByLabel('Also a broker').isChecked(), false);
  assert.equal(await single.getByLabel('Also a broker').isDisabled(), true);
  // Validity in days (the API keeps hours).
  assert.equal(await single.getByLabel('Valid for (days)').inputValue(), '7');

  // Three people at once, two of them as a partner's representative; a bad line is named first.
  await anna.getByRole('radio', { name: 'Many people at once' }).check();
  const bulk = anna.getByRole('form', { name: 'Many people at once' });
  const lines = bulk.getByLabel('Email addresses, one per line');
  const good = [
    `${email('Bram')}, sportclub genk`,
    `${email('Chris')},  Jeugdhuis Genk`,
    email('Eva'),
  ];
  await lines.fill([good[0], 'chris at home', ...good.slice(1)].join('\n'));
  await bulk.getByText('Line 2: “chris at home” is not an email address').waitFor();
  assert.equal(
    await bulk.getByRole('button', { name: /^Create \d invitations$/ }).isDisabled(),
    true,
  );
  await lines.fill(good.join('\n'));
  await bulk.getByRole('button', { name: 'Create 3 invitations' }).click();
  const results = bulk.getByTestId('bulk-results');
  for (const who of ['Bram', 'Chris', 'Eva']) {
    await results.getByText(`${email(who)}: invitation created`, { exact: false }).waitFor();
  }
  assert.equal(await lines.inputValue(), '');
  const pending = anna.getByTestId('pending-invitations');
  for (const [who, partner] of [
    ['Bram', 'Sportclub Genk'],
    ['Chris', 'Jeugdhuis Genk'],
  ] as const) {
    const row = pending.getByRole('listitem', { name: email(who) });
    await row.getByText(`represents ${partner}`).waitFor();
    await row.getByRole('button', { name: 'Copy link' }).waitFor();
  }
  await pending
    .getByRole('listitem', { name: email('Eva') })
    .getByText('Member')
    .waitFor();

  // Bram (English) and Chris (Dutch) sign up with those addresses and accept in the app.
  const bram = await personPage(app.browser);
  await registerInPage(bram, app.server.url, 'Bram', email('Bram'));
  await acceptInApp(bram, network, 'Accept');
  const chris = await personPage(app.browser, 'nl-BE');
  await registerInPage(chris, app.server.url, 'Chris', email('Chris'));
  await acceptInApp(chris, network, 'Aanvaarden');
  await chris.getByTestId('members').getByText('vertegenwoordigt Jeugdhuis Genk').waitFor();
  await anna
    .getByTestId('members')
    .getByLabel('Partner Bram represents')
    .locator('option:checked', { hasText: 'Sportclub Genk' })
    .waitFor({ ...LIVE, state: 'attached' });

  // The partner page: nobody speaks for the city yet; invite someone new, add and remove Anna.
  await navTo(anna, 'Partners');
  await anna.getByTestId('partners-table').getByRole('link', { name: 'Sportclub Genk' }).click();
  const reps = anna.getByTestId('representatives');
  await reps.getByRole('listitem').filter({ hasText: 'Bram' }).waitFor();
  // Bram accepted, so nothing waits for this partner any more.
  assert.equal(await reps.getByTestId('partner-pending-invitations').count(), 0);
  await navTo(anna, 'Partners');
  await anna.getByTestId('partners-table').getByRole('link', { name: 'Stad Genk' }).click();
  const nobody = 'Nobody represents this partner yet, so it cannot vote or answer connections.';
  await reps.getByText(nobody).waitFor();
  await reps
    .getByLabel('Or invite a new person by email as this partner’s representative')
    .fill(email('Dirk'));
  await reps.getByRole('button', { name: 'Invite', exact: true }).click();
  await reps.getByText(`Invitation created for ${email('Dirk')}.`, { exact: false }).waitFor();
  // The invitation waits on the partner page, with its link and Revoke: nobody invites Dirk twice.
  const waiting = reps.getByTestId('partner-pending-invitations');
  const dirk = waiting.getByRole('listitem', { name: email('Dirk') });
  await dirk.getByText('Member', { exact: true }).waitFor();
  await dirk.getByText(/^expires /).waitFor();
  await dirk.getByRole('button', { name: 'Copy link' }).click();
  assert.match(await dirk.getByTestId('pending-invitation-link').inputValue(), /\/invite\//);
  await dirk.getByRole('button', { name: 'Revoke' }).click();
  await waiting.waitFor({ state: 'detached' });
  await reps.getByLabel('Add a member as representative').selectOption({ label: 'Anna' });
  await reps.getByRole('button', { name: 'Add', exact: true }).click();
  await reps.getByRole('listitem').filter({ hasText: 'Anna' }).waitFor();
  anna.once('dialog', (d) => void d.accept());
  await reps.getByRole('button', { name: 'Remove Anna as representative' }).click();
  await reps.getByText(nobody).waitFor();

  // A broad admission: the preview warns that the unrepresented city blocks consensus.
  await navTo(anna, 'Decisions');
  await anna.getByRole('link', { name: 'Propose a partner' }).click();
  await anna.getByLabel('Name', { exact: true }).fill('Bibliotheek Genk');
  await anna.getByLabel('Why this partner?').fill('Books, homework help and a quiet place.');
  await anna.getByRole('button', { name: 'Preview' }).click();
  await anna
    .getByTestId('preview-electorate')
    .getByText('Stad Genk — weight 1 · no representative')
    .waitFor();
  await anna
    .getByTestId('preview-warnings')
    .getByText(
      'Stad Genk has no representative: under consensus without silence-is-consent this proposal cannot be accepted unless someone represents it.',
    )
    .waitFor();
  await anna.getByRole('button', { name: 'Open the proposal' }).click();
  await anna.getByRole('heading', { level: 1, name: 'Bibliotheek Genk' }).waitFor();
  const proposal = anna.url();

  // Who may vote, and why the others may not, in each reader's language.
  await anna
    .getByTestId('viewer-note')
    .getByText('As coordinator you can link yourself to a partner', { exact: false })
    .waitFor();
  await bram.goto(proposal);
  await bram.getByRole('button', { name: 'Cast vote' }).waitFor();
  assert.equal(await bram.getByTestId('viewer-note').count(), 0);
  await chris.goto(proposal);
  await chris
    .getByTestId('viewer-note')
    .getByText('De kernpartners beslissen in deze fase over het toelaten van brede partners.')
    .waitFor();
  assert.equal(await chris.getByRole('button', { name: 'Stem uitbrengen' }).count(), 0);

  // The policy editor: percentages, the rule read back, deciders ticked in a list.
  await navTo(anna, 'Decisions');
  await anna.getByRole('link', { name: 'Decision rules' }).click();
  const core = anna.getByRole('form', { name: /^Core group — / });
  await core.getByLabel('Rule', { exact: true }).selectOption({ label: 'Weighted vote' });
  assert.equal(await core.getByLabel('Quorum (% of the weight that must vote)').inputValue(), '50');
  await core.getByLabel('Support needed (more than this % of yes+no)').fill('60');
  await core
    .getByTestId('rule-in-words')
    .getByText(
      'Accepted when at least 50 % of the weight has voted and more than 60 % of yes+no weight is yes.',
    )
    .waitFor();
  await core.getByRole('button', { name: 'Save rule' }).click();
  await core.getByRole('status').getByText('Saved').waitFor();

  const broad = anna.getByRole('form', { name: /^Broad partners — / });
  await broad
    .getByLabel('Rule', { exact: true })
    .selectOption({ label: 'Autonomous decision after consultation' });
  await broad.getByText('No deciders chosen: the coordinators decide.').waitFor();
  const words = broad.getByTestId('rule-in-words');
  await words.getByText('After 48 hours of consultation, the coordinators decide.').waitFor();
  await broad.getByRole('checkbox', { name: 'Stad Genk' }).check();
  await broad.getByRole('checkbox', { name: 'Sportclub Genk' }).check();
  await words
    .getByText(
      'After 48 hours of consultation these partners decide: Stad Genk and Sportclub Genk.',
    )
    .waitFor();
  await broad.getByRole('button', { name: 'Save rule' }).click();
  await broad.getByRole('status').getByText('Saved').waitFor();

  // What was saved reads back the same after a reload, and in Dutch for a member.
  await anna.reload();
  assert.equal(
    await core.getByLabel('Support needed (more than this % of yes+no)').inputValue(),
    '60',
  );
  assert.equal(await broad.getByRole('checkbox', { name: 'Stad Genk' }).isChecked(), true);
  await chris.goto(anna.url());
  await chris
    .getByTestId('rule-in-words')
    .getByText(
      'Aanvaard als minstens 50 % van het gewicht gestemd heeft en meer dan 60 % van het ja+nee-gewicht ja is.',
    )
    .waitFor();
  await chris
    .getByText('Na 48 uur consultatie beslissen deze partners: Stad Genk en Sportclub Genk.')
    .waitFor();

  for (const p of [anna, bram, chris]) await p.context().close();
});
