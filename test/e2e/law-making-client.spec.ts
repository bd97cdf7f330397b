import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { createCollective, type Collective } from '../integration/domain/domain-fixtures';
import { createBill, enablePlugin, latest, waitFor } from '../integration/plugins/law-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  expectPageHealthy,
  signIn,
  type Browser,
} from './support/browser';

async function expectAccessible(page: Page): Promise<void> {
  await expectPageHealthy(page);
}

interface AmendmentsBody {
  amendments: { id: string; status: string; ballotId: string | null; mergedVersion: number | null }[];
}

describe('Web client in Chromium: co-drafting and amendments on a bill', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let billId: string;
  let billPath: string;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(sut.baseUrl, [
      { name: 'ana', roles: 'member' },
      { name: 'bea', roles: 'member' },
    ]);
    ({ billId } = await createBill(c.admin, c.id));
    billPath = `/c/${c.id}/bills/${billId}`;
    // Both plugins enabled through the API; co-drafting started and moved to consultation, amendments open.
    await enablePlugin(c.admin, c.id, 'co-drafting');
    await enablePlugin(c.admin, c.id, 'amendments');
    expect((await c.admin.call('PUT', `/api/bills/${billId}/co-drafting`, {})).status).toBe(200);
    const moved = await c.admin.call('POST', `/api/bills/${billId}/co-drafting/phase`, {
      phase: 'consultation',
    });
    expect(moved.status).toBe(200);
    expect((await c.admin.call('PUT', `/api/bills/${billId}/amendments/phase`, { open: true })).status).toBe(
      200,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('a member comments on an article and tables an amendment; another votes yes; the merged version and its diff show', async () => {
    const ana = await browser.open();
    await signIn(ana, sut.baseUrl, c.users.ana.email, billPath);
    await ana.getByRole('heading', { name: 'Loi vélo' }).waitFor();
    await ana.getByRole('heading', { name: 'Co-écriture' }).waitFor();
    expect(await ana.getByTestId('codraft-phase').textContent()).toMatch(/Étape en cours\s: Consultation\./);

    // Co-drafting: a comment on article 1.
    await ana.getByText('Contributions sur l’Article 1 (0 contribution)').click();
    const contribute = ana.getByRole('form', { name: 'Contribuer sur l’Article 1' });
    await contribute.getByLabel('Type de contribution').selectOption({ label: 'Commentaire' });
    await contribute.getByLabel('Votre contribution').fill('Préciser quels axes sont concernés.');
    await contribute.getByRole('button', { name: 'Publier la contribution' }).click();
    await ana.getByText('Préciser quels axes sont concernés.').waitFor();
    await ana.getByText('Contributions sur l’Article 1 (1 contribution)').waitFor();
    const support = ana.getByRole('button', { name: 'Soutenir — contribution 1' });
    expect(await support.getAttribute('aria-pressed')).toBe('false');
    await support.click();
    await ana.getByText('1 soutien', { exact: true }).waitFor();
    // the toggle shows its state: pressed, and its label says so
    const supported = ana.getByRole('button', { name: 'Soutenu — contribution 1' });
    expect(await supported.getAttribute('aria-pressed')).toBe('true');
    await screenshot(ana, 'results-support-toggle-fr-desktop');
    await supported.click();
    await ana.getByText('0 soutien', { exact: true }).waitFor();
    expect(await support.getAttribute('aria-pressed')).toBe('false');
    await support.click();
    await ana.getByText('1 soutien', { exact: true }).waitFor();

    // Amendments: replace article 1.
    const propose = ana.getByRole('form', { name: 'Proposer un amendement' });
    await propose.getByLabel('Article visé').selectOption({ index: 0 });
    await propose.getByLabel('Nature').selectOption({ label: 'Remplacer l’article' });
    await propose.getByLabel('Nouvelle rédaction').fill('La commune développe fortement le vélo.');
    await propose.getByLabel('Exposé des motifs').fill('Le texte doit marquer une ambition claire.');
    await propose.getByRole('button', { name: 'Déposer l’amendement' }).click();
    const card = ana.getByRole('article', { name: /Amendement 1 — Article 1/ });
    await card.getByText('Déposé', { exact: true }).waitFor();
    await expectAccessible(ana);
    await screenshot(ana, 'law-making-member-desktop');

    // The organiser puts it to the vote (an engine ballot on the bill).
    const listed = await c.admin.call<AmendmentsBody>('GET', `/api/bills/${billId}/amendments`);
    const amendment = listed.body.amendments[0];
    const ballot = await c.admin.call<{ ballotId: string }>(
      'POST',
      `/api/amendments/${amendment.id}/ballot`,
      {},
    );
    expect(ballot.status).toBe(201);

    // Another member votes yes from a phone.
    const bea = await browser.open('phone');
    await signIn(bea, sut.baseUrl, c.users.bea.email, billPath);
    const beaCard = bea.getByRole('article', { name: /Amendement 1 — Article 1/ });
    await beaCard.getByText('Au vote', { exact: true }).waitFor();
    const vote = beaCard.getByRole('group', { name: /Vote sur l’Amendement 1/ });
    await vote.getByLabel('Oui').check();
    await vote.getByRole('button', { name: 'Voter' }).click();
    await beaCard.getByText('Vote enregistré : Oui.').waitFor();
    // The collective's default visibility (after close): the live tally says when it will show.
    await beaCard.getByText('Le décompte s’affiche à la clôture.').waitFor();
    await expectAccessible(bea);
    await screenshot(bea, 'law-making-amendment-vote-phone');

    // The ballot closes (API): the page, without reload, shows the adoption and the merged text.
    expect((await c.admin.call('POST', `/api/ballots/${ballot.body.ballotId}/close`)).status).toBe(201);
    await waitFor(async () => (await latest(c.admin, billId)).number === 2, 15_000);
    await beaCard.getByText('Adopté', { exact: true }).waitFor({ timeout: 15_000 });
    await beaCard.getByText('Intégré dans la version 2 du texte.').waitFor();
    expect(await beaCard.getByTestId('amendment-result').textContent()).toContain('1 oui, 0 non');
    await bea
      .locator('#article-1 .article-text')
      .filter({ hasText: 'La commune développe fortement le vélo.' })
      .waitFor();

    // Version history: compare 1 → 2; the insertion is an <ins>, announced in words.
    await bea.getByRole('button', { name: 'Comparer deux versions' }).click();
    const diff = bea.getByTestId('diff');
    await diff.getByRole('heading', { name: 'Changements de la version 1 à la version 2' }).waitFor();
    expect((await diff.locator('.diff-text ins').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      '[ajout] fortement [fin de l’ajout]',
    );
    expect(await diff.locator('.diff-text').first().innerText()).toContain('La commune développe');
    const exports = await bea.getByRole('link', { name: /Akoma Ntoso — Version 2/ }).getAttribute('href');
    expect(exports).toBe(`/api/bills/${billId}/versions/2.akn.xml`);
    await expectAccessible(bea);
    await screenshot(bea, 'law-making-diff-phone');

    // The author's desktop page, reloaded: the adopted amendment with its result, the diff at desktop size.
    await ana.reload();
    await card.getByText('Adopté', { exact: true }).waitFor();
    await ana.getByRole('button', { name: 'Comparer deux versions' }).click();
    await ana.getByTestId('diff').locator('.diff-text ins').first().waitFor();
    await expectAccessible(ana);
    await screenshot(ana, 'law-making-diff-desktop');

    const after = await c.admin.call<AmendmentsBody>('GET', `/api/bills/${billId}/amendments`);
    expect(after.body.amendments[0]).toMatchObject({ status: 'adopted', mergedVersion: 2 });
  }, 180_000);

  it('raised no script error in any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
