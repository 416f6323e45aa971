import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { researchColumns, RESEARCH_TABLES } from '@coalesce/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { appUnderTest } from '../support/harness.ts';
import { journeyPeople } from '../support/ui.ts';

// A relationship survey from the browser: a coordinator opens a wave, three representatives
// answer in their own browsers, the scores appear once three have answered and the map shows
// the perceived ties next to the logged ones. Set-up by clicking too: no API call from the test.
const app = appUnderTest();

const unique = Math.random().toString(36).slice(2, 8);
const { email, newPage, register, nav, addCorePartner, invite, acceptLink } = journeyPeople(
  app,
  unique,
);
const LIVE = { timeout: 10_000 };
const CITY = 'Stad Genk';
const SCHOOL = 'Basisschool De Regenboog';
const CLUB = 'Sportclub Genk';

/** Says how the reader's partner works with `other`: not at all, or at `level` with all items `n`. */
async function rate(page: Page, other: string, level: string | null, n = 3) {
  const tie = page.getByTestId(`tie-${other}`);
  if (level === null) {
    await tie.getByRole('radio', { name: /^(No|Nee)$/ }).check();
    return;
  }
  await tie.getByRole('radio', { name: /^(Yes|Ja)$/ }).check();
  await tie.getByRole('combobox', { name: /^(How closely|Hoe nauw):/ }).selectOption(level);
  for (const item of await tie.getByRole('combobox').all()) {
    if ((await item.inputValue()) === '') await item.selectOption(String(n));
  }
}

async function submitAnswer(page: Page) {
  await page.getByRole('button', { name: /^(Submit the answer|Het antwoord indienen)$/ }).click();
  await page
    .getByRole('status')
    .getByText(/^(Saved|Bewaard)\./)
    .waitFor(LIVE);
}

/** Clicks the research dataset's download link and returns the ZIP's files by base name. */
async function downloadDataset(page: Page): Promise<Record<string, string>> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the research dataset (ZIP)' }).click(),
  ]);
  assert.match(file.suggestedFilename(), /^coalesce-research-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = unzipSync(new Uint8Array(await readFile((await file.path())!)));
  return Object.fromEntries(
    Object.entries(zip).map(([name, bytes]) => [name.split('/').pop()!, strFromU8(bytes)]),
  );
}

const rows = (text: string | undefined): Record<string, string>[] =>
  parseCsv(text ?? '', { columns: true, skip_empty_lines: true }) as Record<string, string>[];

test('a survey wave from the browser: three partners answer, scores appear, the map compares perceived and logged ties', async () => {
  const network = 'Talentenstad Genk';
  const anna = await newPage();
  await register(anna, 'Anna');
  await anna.getByRole('button', { name: 'New network' }).click();
  await anna.getByLabel('Name').fill(network);
  await anna.getByRole('button', { name: 'Create network' }).click();
  await anna.getByRole('heading', { level: 1, name: network }).waitFor();
  const home = anna.url();

  await nav(anna, 'Partners');
  for (const p of [CITY, SCHOOL, CLUB]) await addCorePartner(anna, p);
  await anna.goto(home);
  const bramLink = await invite(anna, 'Bram', SCHOOL);
  const chrisLink = await invite(anna, 'Chris', CLUB);
  const members = anna.getByTestId('members');
  await members.getByLabel('Partner Anna represents').selectOption({ label: CITY });
  const bram = await newPage();
  const chris = await newPage('nl-BE');
  await acceptLink(bram, bramLink, 'Bram', network);
  await chris.goto(chrisLink);
  await chris.getByRole('link', { name: /Create account|Account maken/ }).click();
  await register(chris, 'Chris', false);
  await chris.getByRole('button', { name: /Accept invitation|Uitnodiging aanvaarden/ }).click();
  await chris.getByRole('heading', { level: 1, name: network }).waitFor();

  // A logged tie: Bram (a broker) connects the city and the club; both accept.
  const bramRow = members.getByRole('listitem').filter({ hasText: 'Bram' });
  await bramRow.getByRole('checkbox', { name: 'Broker' }).click();
  await bramRow.getByRole('checkbox', { name: 'Broker', checked: true }).waitFor();
  await nav(bram, 'Connections');
  await bram.getByLabel('Partner', { exact: true }).selectOption({ label: CITY });
  await bram.getByLabel('Connect with').selectOption({ label: CLUB });
  await bram.getByLabel('Why should they meet?').fill('Both run sports afternoons.');
  await bram.getByRole('button', { name: 'Propose', exact: true }).click();
  const tie = `${CITY} ↔ ${CLUB}`;
  for (const [p, section, accept] of [
    [anna, 'Connections', 'Accept'],
    [chris, 'Verbindingen', 'Aanvaarden'],
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

  // Anna opens a wave.
  await nav(anna, 'Surveys');
  await anna.getByLabel('Title').fill('Spring wave');
  await anna.getByRole('button', { name: 'Open the wave' }).click();
  await anna.getByRole('heading', { level: 1, name: 'Spring wave' }).waitFor();
  const waveUrl = anna.url();

  // Anna answers for the city: collaborating with the school, not working with the club.
  await anna.getByRole('heading', { name: `Answer for ${CITY}` }).waitFor();
  await rate(anna, SCHOOL, 'collaboration', 4);
  await rate(anna, CLUB, null);
  await anna
    .getByRole('combobox', {
      name: 'We try out experiments and see first evidence that they work.',
    })
    .selectOption('3');
  await submitAnswer(anna);
  const density = anna.getByTestId('score-density');
  assert.equal(await density.textContent(), '—');

  // Bram finds the wave through the bell's notification and answers for the school.
  await bram.getByTestId('bell').click();
  await bram
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('link', {
      name: 'Survey ‘Spring wave’: how does your partner work with the others?',
    })
    .click();
  await bram.getByRole('heading', { name: `Answer for ${SCHOOL}` }).waitFor();
  await rate(bram, CITY, 'collaboration', 3);
  await rate(bram, CLUB, 'cooperation', 2);
  await submitAnswer(bram);
  await anna.getByText('2 of 3 partners answered').first().waitFor(LIVE);
  assert.equal(await density.textContent(), '—');

  // Chris answers in Dutch for the club: the city? no; the school: cooperation.
  await chris.goto(waveUrl);
  await chris.getByRole('heading', { name: `Antwoord voor ${CLUB}` }).waitFor();
  await rate(chris, CITY, null);
  await rate(chris, SCHOOL, 'cooperation', 2);
  await submitAnswer(chris);

  // Three have answered: the network scores appear on Anna's screen by themselves.
  await anna.getByText('3 of 3 partners answered').first().waitFor(LIVE);
  // Pairs reported: city–school, school–club = 2 of 3.
  await anna.getByTestId('score-density').getByText('67%').waitFor(LIVE);
  await anna.getByTestId('score-reciprocity').getByText('100%').waitFor();
  // Per partner: at most two others can rate each of three partners, so none is shown.
  assert.equal(await anna.getByTestId('partner-score').count(), 3);

  // The map: logged ties, perceived ties, and both with the differences.
  await nav(bram, 'Network map');
  await bram.getByTestId('ties').locator('summary').click();
  await bram
    .getByTestId('ties')
    .getByText(new RegExp(`^(${CITY} ↔ ${CLUB}|${CLUB} ↔ ${CITY}) \\(connection\\)$`))
    .waitFor();
  await bram.getByRole('button', { name: 'Perceived ties' }).click();
  const perceived = bram.getByTestId('perceived');
  await perceived.getByText('Survey wave in force: ‘Spring wave’').waitFor();
  await perceived.getByTestId('perceived-ties').locator('summary').click();
  await perceived
    .getByText(
      new RegExp(`^(${CITY} and ${SCHOOL}|${SCHOOL} and ${CITY}): collaboration, both say so$`),
    )
    .waitFor();
  await bram.getByRole('button', { name: 'Both' }).click();
  const differences = bram.getByTestId('differences');
  await differences
    .getByText(
      new RegExp(
        `^(${CITY} and ${SCHOOL}|${SCHOOL} and ${CITY}): rated as collaborating but no shared experiment$`,
      ),
    )
    .waitFor();
  await differences
    .getByText(
      new RegExp(`^(${CITY} and ${CLUB}|${CLUB} and ${CITY}): a connection no one values$`),
    )
    .waitFor();

  // Individual answers: the coordinator sees each partner's; a representative sees none of them.
  await anna.getByTestId('individual-answers').locator('details').nth(2).waitFor(LIVE);
  await bram.goto(waveUrl);
  await bram.getByTestId('survey-scores').waitFor();
  assert.equal(await bram.getByTestId('individual-answers').count(), 0);

  // Anna closes the wave; Chris can no longer change the club's answer.
  await anna.getByRole('button', { name: 'Close now' }).click();
  await anna.getByText('This wave is closed: answers can no longer change.').waitFor();
  await chris
    .getByText('Deze ronde is gesloten: antwoorden kunnen niet meer wijzigen.')
    .waitFor(LIVE);

  // The research dataset: Anna downloads it (pseudonymised, the page's default) with its
  // codebook; it holds the wave's answers, and no name or email of the people involved.
  await nav(anna, 'Research');
  await anna.getByRole('heading', { level: 1, name: 'Research' }).waitFor();
  assert.equal(await anna.getByLabel('Pseudonymise').isChecked(), true);
  const files = await downloadDataset(anna);
  for (const table of RESEARCH_TABLES) {
    const header = (parseCsv(files[`${table}.csv`]!, { to_line: 1 }) as string[][])[0];
    assert.deepEqual(header, researchColumns(table), table);
  }
  const codebook = rows(files['codebook.csv']);
  assert.ok(codebook.some((c) => c.table === 'responses' && c.field === 'reliability'));
  assert.match(files['README.txt']!, /Pseudonymised: yes/);
  const [wave] = rows(files['waves.csv']);
  assert.equal(wave?.title, 'Spring wave');
  const answers = rows(files['responses.csv']).filter((r) => r.waveId === wave!.id);
  assert.equal(answers.length, 6, 'three partners each answered about the two others');
  assert.equal(new Set(answers.map((r) => r.rater)).size, 3);
  assert.ok(answers.every((r) => /^P-[0-9a-f]{10}$/.test(r.rater!)));
  const names = new Map(rows(files['nodes.csv']).map((n) => [n.id, n.label]));
  const collaborating = answers.filter((r) => r.level === 'collaboration');
  assert.deepEqual(
    collaborating.map((r) => [names.get(r.rater!), names.get(r.rated!)]).sort(),
    [
      [CITY, SCHOOL],
      [SCHOOL, CITY],
    ].sort(),
  );
  const all = Object.values(files).join('\n');
  for (const person of ['Anna', 'Bram', 'Chris']) {
    assert.ok(!all.includes(person), `${person} is in the dataset`);
    assert.ok(!all.includes(email(person)), `${person}'s email is in the dataset`);
  }
  assert.equal(rows(files['introductions.csv']).length, 1, 'Bram’s introduction');

  // Follow-through and participation, said plainly, in English and in Dutch.
  await nav(anna, 'Participation');
  const follow = anna.getByTestId('broker-follow-through');
  await follow.getByText('0 of 1 introductions became collaboration').waitFor();
  const city = anna
    .getByTestId('participation-partners')
    .locator('section')
    .filter({ has: anna.getByRole('heading', { name: CITY }) })
    .getByTestId('participation-totals');
  await city.getByText('Answered 1 of 1 surveys it was asked').waitFor();
  await anna.getByLabel('Language').selectOption('nl');
  await follow.getByText('0 van de 1 kennismakingen werden samenwerking').waitFor();
  await city.getByText('Beantwoordde 1 van de 1 bevragingen die ze kreeg').waitFor();

  for (const p of [anna, bram, chris]) await p.context().close();
});
