import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerUser } from '../support/api.ts';
import { appUnderTest } from '../support/harness.ts';
import { signedInPage } from '../support/ui.ts';

const app = appUnderTest();

test('two core partners vote on a proposal; both screens show the outcome live', async () => {
  const anna = await registerUser(app.server.url, 'Anna');
  const bram = await registerUser(app.server.url, 'Bram', 'nl');
  const ws = await anna.api.req<{ id: string }>('POST', '/workspaces', {
    name: 'Regina Mundi Genk',
  });
  const w = `/workspaces/${ws.id}`;
  const stad = await anna.api.req<{ id: string }>('POST', `${w}/partners`, {
    kind: 'organisation',
    name: 'Stad Genk',
    actorType: 'local_government',
    tier: 'core',
  });
  const school = await anna.api.req<{ id: string }>('POST', `${w}/partners`, {
    kind: 'organisation',
    name: 'Basisschool De Regenboog',
    actorType: 'education',
    tier: 'core',
  });
  await anna.api.req('PATCH', `${w}/members/${anna.user.id}`, { partnerId: stad.id });
  const inv = await anna.api.req<{ token: string }>('POST', `${w}/invitations`, {
    role: 'member',
    partnerId: school.id,
  });
  await bram.api.req('POST', `/invitations/${inv.token}/accept`);
  const proposal = await anna.api.req<{ id: string }>('POST', `${w}/proposals`, {
    candidate: { kind: 'organisation', name: 'Labiomista', actorType: 'arts_culture' },
    tier: 'broad',
    rationale: 'An arts park next door: nature, art and learning for the same children.',
  });

  const a = await signedInPage(app.browser, app.server.url, anna.email, anna.password);
  const b = await signedInPage(app.browser, app.server.url, bram.email, bram.password, 'nl-BE');
  const url = `${app.server.url}/w/${ws.id}/proposals/${proposal.id}`;
  await a.page.goto(url);
  await b.page.goto(url);
  await a.page.getByText('0 of 2 partners have voted; a single objection blocks.').waitFor();
  await b.page.getByText('0 van 2 partners hebben gestemd; één bezwaar blokkeert.').waitFor();

  // Anna votes yes; Bram's screen follows without a reload.
  await a.page.getByRole('radio', { name: 'Yes' }).check();
  await a.page.getByRole('button', { name: 'Cast vote' }).click();
  await b.page
    .getByText('1 van 2 partners hebben gestemd; één bezwaar blokkeert.')
    .waitFor({ timeout: 5000 });

  // Bram first says no without a reason: the server's refusal reads in his language.
  await b.page.getByRole('radio', { name: 'Nee' }).check();
  await b.page.getByRole('button', { name: 'Stem uitbrengen' }).click();
  await b.page.getByText('Onder consensus heeft een nee-stem een reden nodig.').waitFor();
  assert.equal(await b.page.getByText('A no vote needs a reason under consensus.').count(), 0);

  // Bram votes yes too: everyone has voted, consensus closes at once.
  await b.page.getByRole('radio', { name: 'Ja' }).check();
  await b.page.getByRole('button', { name: 'Stem uitbrengen' }).click();
  await b.page
    .getByTestId('proposal-outcome')
    .getByText('Aanvaard — Iedereen was akkoord.')
    .waitFor({ timeout: 5000 });
  await a.page
    .getByTestId('proposal-outcome')
    .getByText('Accepted — Everyone agreed.')
    .waitFor({ timeout: 5000 });

  // The candidate is now an active broad partner.
  const partners = await anna.api.req<{ items: { name: string; status: string; tier: string }[] }>(
    'GET',
    `${w}/partners`,
  );
  const labiomista = partners.items.find((p) => p.name === 'Labiomista');
  assert.equal(labiomista?.status, 'active');
  assert.equal(labiomista?.tier, 'broad');

  // The log tells it in sentences, in each reader's language; the closing is the system's act.
  for (const [page, lines] of [
    [
      b.page,
      [
        'Bram (Basisschool De Regenboog) stemde ja over de toetreding van Labiomista',
        'Het voorstel om Labiomista op te nemen werd automatisch aanvaard: iedereen was akkoord',
        'Labiomista sloot aan bij de brede kring: het voorstel werd aanvaard',
      ],
    ],
    [
      a.page,
      [
        'Anna (Stad Genk) voted yes on admitting Labiomista',
        'The proposal to admit Labiomista was accepted automatically: everyone agreed',
        'Anna proposed admitting Labiomista to the broad circle',
      ],
    ],
  ] as const) {
    await page.goto(`${app.server.url}/w/${ws.id}/activity`);
    const feed = page.getByTestId('activity-feed');
    for (const line of lines) await feed.getByText(line, { exact: true }).waitFor();
    assert.doesNotMatch(await feed.innerText(), /\b[a-z]+\.[a-z_]+\b/, 'no event codes');
  }

  await a.context.close();
  await b.context.close();
});
