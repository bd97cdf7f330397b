import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { BUSY_MACHINE_WAIT_MS } from '../support/wait';
import { createCollective, waitFor, type Collective } from '../integration/domain/domain-fixtures';
import {
  ensureWebBuilt,
  expectPageHealthy,
  launchBrowser,
  screenshot,
  signIn,
  type Browser,
  type Size,
} from './support/browser';

interface IssueView {
  phase: string;
  ballotId: string | null;
  winner: string | null;
}

/** Signs in through the English login form (the browser prefers English), then lands on `next`. */
async function signInEnglish(page: Page, baseUrl: string, email: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next}`));
}

/** The text of a matrix cell, `A-B` = the weight ranking A above B. */
async function cell(page: Page, mark: string): Promise<string> {
  // the figure alone (a won duel's cell also says "✓" to screen readers)
  return ((await page.locator(`[data-cell="${mark}"]`).textContent()) ?? '').replace(/[^\d.,]/g, '');
}

/**
 * The agenda in Chromium, one journey: ann (desktop, French) supports both initiatives, bob (phone,
 * English) brings A to the admission quorum and ann's page shows the issue admitted; the phases run on
 * their (short) schedule to the vote; ann ranks by drag and drop, bob by keyboard with a tie; dan, an
 * observer (phone, French), watches the live pairwise matrix change; the ballot's end comes (the
 * scheduler's clock) and the results page explains the winner (desktop, English, for cem).
 */
describe('Web client in Chromium: the agenda journey (issue #20)', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let issueId: string;
  let a: string;
  let b: string;
  const opened: Page[] = [];

  async function open(size: Size, languages: string[]): Promise<Page> {
    const page = await browser.open(size, { languages });
    page.setDefaultTimeout(BUSY_MACHINE_WAIT_MS);
    opened.push(page);
    return page;
  }

  async function issue(): Promise<IssueView> {
    return (await c.users.ann.call<IssueView>('GET', `/api/agenda/issues/${issueId}`)).body;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ann', roles: 'member' },
        { name: 'bob', roles: 'member' },
        { name: 'cem', roles: 'member' },
        { name: 'dan', roles: 'observer' },
      ],
      { visibility: 'live' },
    );
    // the organisers' policy: admission at 50 % of the weight, then phases of a few seconds
    const configured = await c.admin.call('PUT', `/api/collectives/${c.id}/plugins/agenda`, {
      settings: {
        phases: {
          admission: { quorumPercent: 50, timeLimitSeconds: 3600 },
          discussion: { durationSeconds: 2 },
          verification: { durationSeconds: 2, quorumPercent: 20 },
          voting: { durationSeconds: 3600 },
        },
      },
    });
    expect(configured.status).toBe(200);
    const area = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/agenda/areas`, {
      name: 'Mobilité',
    });
    const raised = await c.users.cem.call<{ id: string; initiativeId: string }>(
      'POST',
      `/api/agenda/areas/${area.body.id}/issues`,
      {
        title: 'Transports du centre-ville',
        initiative: { title: 'Tram gratuit', text: 'Le tram devient gratuit.' },
      },
    );
    expect(raised.status).toBe(201);
    issueId = raised.body.id;
    a = raised.body.initiativeId;
    const second = await c.users.cem.call<{ id: string }>(
      'POST',
      `/api/agenda/issues/${issueId}/initiatives`,
      {
        title: 'Vélos en libre-service',
        text: 'Mille vélos en libre-service.',
      },
    );
    b = second.body.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('raising an issue, a competing initiative, a revision, a suggestion rated: through the forms, pushed live', async () => {
    // cem raises an issue from the agenda page (desktop, English); an empty text is refused by its field
    const cem = await open('desktop', ['en-GB', 'en']);
    await signInEnglish(cem, sut.baseUrl, c.users.cem.email, `/c/${c.id}/agenda`);
    const raise = cem.getByRole('region', { name: 'Raise an issue' });
    await raise.getByLabel('Area').selectOption({ label: 'Mobilité' });
    await raise.getByLabel('Issue title').fill('Parking');
    await raise.getByLabel('Initiative title').fill('Fewer car parks');
    await raise.getByRole('button', { name: 'Raise the issue' }).click();
    const textField = raise.getByLabel('Initiative text');
    await waitFor(async () => (await textField.getAttribute('aria-invalid')) === 'true');
    expect(await raise.locator('.field-error').textContent()).toMatch(/This field is required/);
    await expectPageHealthy(cem);
    await textField.fill('Half of the car parks become gardens.');
    await raise.getByRole('button', { name: 'Raise the issue' }).click();
    await cem.getByText('Current phase: Admission').waitFor();
    const parkingPath = new URL(cem.url()).hash.slice(1);
    const parkingId = parkingPath.split('/').at(-1)!;
    const parking = async () =>
      (
        await c.users.cem.call<{ initiatives: { id: string; title: string }[] }>(
          'GET',
          `/api/agenda/issues/${parkingId}`,
        )
      ).body;
    const [first] = (await parking()).initiatives;

    // bob opens it (phone, French); cem adds a competing initiative: bob's page shows it from the push
    const bob = await open('phone', ['fr-FR', 'fr']);
    await signIn(bob, sut.baseUrl, c.users.bob.email, parkingPath);
    await bob.getByText('Phase actuelle : Admission').waitFor();
    const add = cem.getByRole('region', { name: 'Propose a competing initiative' });
    await add.getByLabel('Initiative title').fill('Paid parking');
    await add.getByLabel('Initiative text').fill('Parking costs 2 euros an hour.');
    await add.getByRole('button', { name: 'Add the initiative' }).click();
    await cem.getByText('Initiative "Paid parking" added.').waitFor();
    await bob.getByRole('heading', { name: 'Paid parking' }).waitFor();

    // bob writes a suggestion to cem's first initiative (an empty one refused in French), then rates it
    const card = bob.getByTestId(`initiative-${first.id}`);
    await card.getByText('Suggestions (0)').click();
    await card.getByRole('button', { name: 'Envoyer la suggestion' }).click();
    await card.locator('.field-error').waitFor();
    expect(await card.locator('.field-error').textContent()).toMatch(/Ce champ est obligatoire/);
    await card.getByLabel('Votre suggestion aux auteurs de « Fewer car parks »').fill('Planter des arbres');
    await card.getByRole('button', { name: 'Envoyer la suggestion' }).click();
    await card.getByText('Planter des arbres').waitFor();
    await card.getByLabel('Degré').selectOption({ label: 'doit être suivie' });
    await card.getByLabel('déjà prise en compte dans le texte').check();
    await card.getByRole('button', { name: 'Donner mon avis' }).click();
    await card.getByText('1 avis, moyenne 2').waitFor();
    await expectPageHealthy(bob);
    await screenshot(bob, 'agenda-suggestions-phone');

    // cem sees the suggestion arrive and revises his text: version 2
    const cemCard = cem.getByTestId(`initiative-${first.id}`);
    await cemCard.getByText('Planter des arbres').waitFor();
    await cemCard.getByRole('button', { name: 'Revise "Fewer car parks"' }).click();
    await cemCard.getByLabel('Initiative text').fill('Half of the car parks become gardens with trees.');
    await cemCard.getByRole('button', { name: 'Save the new version' }).click();
    await cem.getByText('Version 2 saved.').waitFor();
    await cemCard.getByText('version 2').waitFor();
    await expectPageHealthy(cem);
    await bob.getByText('Half of the car parks become gardens with trees.').waitFor();
    // the earlier text stays readable on the card
    await card.getByText('Versions précédentes (1)').click();
    await card.getByText('Half of the car parks become gardens.', { exact: true }).waitFor();
    await bob.close();
    await cem.close();
  }, 180_000);

  it('support to admission, phases on schedule, ranking two ways, the live matrix, the result explained', async () => {
    const issuePath = `/c/${c.id}/agenda/${issueId}`;

    // ann finds the issue from the collective's navigation and supports both initiatives (desktop, French)
    const ann = await open('desktop', ['fr-FR', 'fr']);
    await signIn(ann, sut.baseUrl, c.users.ann.email, `/c/${c.id}`);
    await ann
      .getByRole('navigation', { name: /collectif/i })
      .getByRole('link', { name: 'Ordre du jour' })
      .click();
    await ann.getByRole('heading', { name: 'Mobilité' }).waitFor();
    await expectPageHealthy(ann);
    await ann.getByRole('link', { name: 'Transports du centre-ville' }).click();
    await ann.getByText('Phase actuelle : Admission').waitFor();
    await ann.getByRole('button', { name: 'Soutenir « Tram gratuit »' }).click();
    await ann.getByText('Soutien enregistré pour « Tram gratuit ».').waitFor();
    await ann.getByRole('button', { name: 'Soutenir « Vélos en libre-service »' }).click();
    await ann.getByRole('button', { name: 'Retirer mon soutien à « Vélos en libre-service »' }).waitFor();
    const cardA = ann.getByTestId(`initiative-${a}`);
    expect(await cardA.getByTestId('support').textContent()).toMatch(
      /Soutien\s: 1 sur 2 nécessaires \(50\s%\)/,
    );
    await expectPageHealthy(ann);
    await screenshot(ann, 'agenda-issue-admission-desktop');

    // bob brings "Tram gratuit" to the quorum (phone, English); ann's open page shows the issue admitted
    const bob = await open('phone', ['en-GB', 'en']);
    await signInEnglish(bob, sut.baseUrl, c.users.bob.email, issuePath);
    await bob.getByText('Current phase: Admission').waitFor();
    await expectPageHealthy(bob);
    await bob.getByRole('button', { name: /^Support .Tram gratuit.$/ }).click();
    await bob.getByText('Issue admitted: an initiative reached the admission quorum.').waitFor();
    // ann's page, left open, sees it on its next read: admission done (discussion lasts only seconds here)
    await waitFor(async () =>
      /Admission\s*terminée le/.test((await ann.getByTestId('timeline').textContent()) ?? ''),
    );

    // discussion and verification run their seconds; the vote opens on everyone's page by itself
    await ann.getByText('Phase actuelle : Vote').waitFor();
    const voting = await issue();
    expect(voting.ballotId).toEqual(expect.any(String));

    // dan, an observer, watches the live count (phone, French); he has no ballot to fill
    const dan = await open('phone', ['fr-FR', 'fr']);
    await signIn(dan, sut.baseUrl, c.users.dan.email, issuePath);
    await dan.getByText('Phase actuelle : Vote').waitFor();
    await dan.getByRole('heading', { name: 'Décompte en direct' }).waitFor();
    expect(await dan.getByRole('form', { name: 'Votre classement' }).count()).toBe(0);
    await expectPageHealthy(dan);

    // ann ranks by drag and drop: "Vélos" (B) dragged above "Tram" (A)
    const ranking = ann.getByRole('form', { name: 'Votre classement' });
    await expectPageHealthy(ann);
    await ranking.locator('ol').scrollIntoViewIfNeeded();
    const handleB = ranking.getByTestId(`handle-${b}`).boundingBox();
    const rowA = ranking.locator(`[data-option="${a}"]`).boundingBox();
    const [from, to] = await Promise.all([handleB, rowA]);
    await ann.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await ann.mouse.down();
    await ann.mouse.move(to!.x + 20, to!.y + 4, { steps: 6 });
    await ann.mouse.up();
    await ranking
      .getByTestId('ranking-announcer')
      .getByText('« Vélos en libre-service » au rang 1 sur 3.')
      .waitFor();
    expect(
      await ranking
        .locator('[data-option]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-option'))),
    ).toEqual([b, a, 'status-quo']);
    await ranking.getByRole('button', { name: 'Voter ce classement' }).click();
    await ranking.getByText('Bulletin enregistré : votre classement compte.').waitFor();

    // dan sees the matrix move: one voter ranks B above A and above the status quo
    await waitFor(async () => (await cell(dan, 'B-A')) === '1');
    expect(await cell(dan, 'B-SQ')).toBe('1');
    expect(await cell(dan, 'A-B')).toBe('0');
    await dan.getByText('En tête pour l’instant : Vélos en libre-service').waitFor();

    // bob ranks by keyboard (phone, English): "Vélos" up to first, then the status quo tied with "Tram"
    await bob.getByText('Current phase: Voting').waitFor();
    const bobRanking = bob.getByRole('form', { name: 'Your ranking' });
    const announcer = bobRanking.getByTestId('ranking-announcer');
    await bobRanking.getByRole('button', { name: /^Move .Vélos en libre-service. \(drag/ }).focus();
    await bob.keyboard.press('ArrowUp');
    await announcer.getByText(/Vélos en libre-service. at rank 1 of 3\./).waitFor();
    // focus stays on the moved row's handle: one more press would move it again; the status quo row next
    expect(await bob.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^Move .Vélos/,
    );
    await bobRanking.getByRole('button', { name: /^Move .Status quo \(change nothing\). \(drag/ }).focus();
    await bob.keyboard.press('=');
    await announcer
      .getByText(/Status quo \(change nothing\). at the same rank as .Tram gratuit. \(rank 2\)/)
      .waitFor();
    expect(
      await bobRanking.getByRole('checkbox', { name: /Status quo .* at the same rank/ }).isChecked(),
    ).toBe(true);
    await expectPageHealthy(bob);
    await screenshot(bob, 'agenda-ranking-phone');
    await bobRanking.getByRole('button', { name: 'Vote this ranking' }).click();
    await bobRanking.getByText('Ballot recorded: your ranking counts.').waitFor();

    // the observer's matrix moves again: B over A and over the status quo 2 to 0; A over the status quo 1 to 0
    await waitFor(async () => (await cell(dan, 'B-A')) === '2');
    expect(await cell(dan, 'B-SQ')).toBe('2');
    expect(await cell(dan, 'A-SQ')).toBe('1');
    expect(await cell(dan, 'SQ-A')).toBe('0');
    await expectPageHealthy(dan);
    await screenshot(dan, 'agenda-live-matrix-phone');

    // the vote's end comes (the ballot's stored end moved into the past, as a later clock would see it)
    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      await db.query(`update ballot set closes_at = now() - interval '1 second' where id = $1`, [
        voting.ballotId,
      ]);
    } finally {
      await db.end();
    }
    await waitFor(async () => (await issue()).phase === 'closed');

    // cem reads the result explained (desktop, English)
    const cem = await open('desktop', ['en-GB', 'en']);
    await signInEnglish(cem, sut.baseUrl, c.users.cem.email, issuePath);
    const results = cem.getByTestId('results');
    await results.waitFor();
    expect((await issue()).winner).toBe(b);
    await results.getByText('Adopted: Vélos en libre-service').waitFor();
    const explained = (await results.textContent()) ?? '';
    expect(explained).toMatch(/Schulze method/);
    expect(explained).toMatch(/Vélos en libre-service beats Tram gratuit head to head: 2 to 0\./);
    expect(explained).toMatch(
      /Vélos en libre-service beats Status quo \(change nothing\) head to head: 2 to 0\./,
    );
    expect(await results.getByTestId('matrix').count()).toBe(1);
    await expectPageHealthy(cem);
    await screenshot(cem, 'agenda-results-desktop');
    // ann's page, left open, shows the result in French too
    await ann.getByText('Méthode de Schulze', { exact: false }).waitFor();
    await expectPageHealthy(ann);

    expect(browser.pageErrors).toEqual([]);
  }, 300_000);
});
