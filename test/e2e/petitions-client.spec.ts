import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { createRegionalCollective, type RegionalCollective } from '../integration/plugins/petitions-fixtures';
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

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

interface PluginState {
  id: string;
  enabled: boolean;
  settings: {
    phases: {
      sponsorship: { sponsorsRequired: number };
      moderation: { required: boolean };
      collection: { window: unknown; thresholds: { id: string; signatures: number; spread?: unknown }[] };
    };
  };
}

describe('Web client in Chromium: plugins and petitions', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: RegionalCollective;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createRegionalCollective(
      sut.baseUrl,
      [
        { name: 'ana', region: 'IDF' },
        { name: 'bea', region: 'ARA' },
      ],
      { public: true },
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('an organiser enables petitions through the form generated from its JSON Schema', async () => {
    const page = await browser.open();
    await signIn(page, sut.baseUrl, c.admin.email, `/c/${c.id}/organise`);
    await page.getByRole('link', { name: /Modules complémentaires/ }).click();
    await page.getByRole('heading', { name: 'Pétitions' }).waitFor();
    expect(await text(page, 'petitions-state')).toBe('Désactivé');
    await expectAccessible(page);

    const form = page.getByRole('form', { name: 'Réglages de Pétitions' });
    await form.getByLabel('Parrains nécessaires').fill('0');
    await form.getByLabel('Modération obligatoire').uncheck();
    await form.getByLabel('Fenêtre de collecte : unité').selectOption({ label: 'Jours' });
    await form.getByLabel('Jours', { exact: true }).fill('30');
    const first = form.getByRole('group', { name: 'Seuil 1', exact: true });
    await first.getByLabel('Signatures nécessaires').fill('2');
    await first.getByLabel('Définir : Répartition territoriale').check();
    const spread = first.getByRole('group', { name: 'Répartition territoriale' });
    await spread.getByLabel('Régions minimales (k)').fill('2');
    // A third threshold, added then removed: arrays of objects grow and shrink.
    await form.getByRole('button', { name: 'Ajouter : Seuil' }).click();
    await form.getByRole('group', { name: 'Seuil 3', exact: true }).waitFor();
    await form.getByRole('button', { name: 'Retirer Seuil 3' }).click();
    expect(await form.getByRole('group', { name: 'Seuil 3', exact: true }).count()).toBe(0);

    // k = 2 regions but no region listed: the server's rule, shown next to the field.
    await form.getByRole('button', { name: 'Enregistrer et activer' }).click();
    await form.getByText('Réglages refusés : corrigez les champs signalés.').waitFor();
    const minRegions = spread.getByLabel('Régions minimales (k)');
    expect(await minRegions.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await minRegions.getAttribute('aria-describedby'))!.split(' ').pop()!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain(
      'Au plus le nombre de régions listées dans « Minimum par région » (0)',
    );
    expect(await text(page, 'petitions-state')).toBe('Désactivé');
    await expectAccessible(page);
    await screenshot(page, 'organiser-plugins-error-desktop');

    // Per-region minimums (a record): two regions, then a valid save enables the plugin.
    // regions are added by their code and then read by their name
    for (const [region, name] of [
      ['IDF', 'Île-de-France'],
      ['ARA', 'Auvergne-Rhône-Alpes'],
    ]) {
      await spread.getByLabel('Nouvelle entrée de « Minimum par région »').fill(region);
      await spread.getByRole('button', { name: 'Ajouter l’entrée' }).click();
      await spread.getByLabel(name, { exact: true }).fill('1');
    }
    await form.getByRole('button', { name: 'Enregistrer et activer' }).click();
    await form.getByText('Réglages enregistrés ; « Pétitions » est activé.').waitFor();
    expect(await text(page, 'petitions-state')).toBe('Activé');
    expect(await minRegions.getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page);
    await screenshot(page, 'organiser-plugins-desktop');

    const listed = await c.admin.call<PluginState[]>('GET', `/api/collectives/${c.id}/plugins`);
    const petitions = listed.body.find((plugin) => plugin.id === 'petitions')!;
    expect(petitions.enabled).toBe(true);
    expect(petitions.settings.phases.sponsorship.sponsorsRequired).toBe(0);
    expect(petitions.settings.phases.moderation.required).toBe(false);
    expect(petitions.settings.phases.collection.window).toEqual({ days: 30 });
    expect(petitions.settings.phases.collection.thresholds[0]).toMatchObject({
      signatures: 2,
      spread: { minRegions: 2, minimums: { IDF: 1, ARA: 1 } },
    });

    const phone = await browser.open('phone');
    await signIn(phone, sut.baseUrl, c.admin.email, `/c/${c.id}/organise/plugins`);
    await phone.getByRole('heading', { name: 'Pétitions' }).waitFor();
    await expectAccessible(phone);
    await screenshot(phone, 'organiser-plugins-phone');
  }, 120_000);

  it('a member drafts and signs; the anonymous observer counter moves without reload', async () => {
    const ana = await browser.open();
    await signIn(ana, sut.baseUrl, c.users.ana.email, `/c/${c.id}/petitions`);
    await ana.getByRole('heading', { name: 'Proposer une pétition' }).waitFor();
    await ana.getByLabel('Titre').fill('Des pistes cyclables sûres');
    await ana.getByLabel('Destinataire').fill('Conseil municipal');
    await ana.getByLabel('Texte').fill('Nous demandons des pistes cyclables séparées sur les grands axes.');
    await ana.getByRole('button', { name: 'Créer le brouillon' }).click();
    await ana.getByRole('heading', { name: 'Des pistes cyclables sûres' }).waitFor();
    const petitionId = ana.url().split('/petitions/')[1];
    await ana.getByRole('button', { name: 'Soumettre à la modération' }).click();
    await ana.getByRole('button', { name: 'Signer la pétition' }).waitFor();

    const observer = await browser.open();
    await observer.goto(`${sut.baseUrl}/#/c/${c.id}/observe`);
    await observer.getByRole('link', { name: 'Des pistes cyclables sûres' }).waitFor();
    expect(await text(observer, `counter-${petitionId}`)).toBe('0');
    await observer.evaluate(() => ((window as unknown as { marker: number }).marker = 7));

    const bea = await browser.open('phone');
    await signIn(bea, sut.baseUrl, c.users.bea.email, `/c/${c.id}/petitions/${petitionId}`);
    await bea.getByRole('button', { name: 'Signer la pétition' }).click();
    await bea.getByText('Signature enregistrée.').waitFor();
    await observer.waitForFunction(
      (id) => document.querySelector(`[data-testid="counter-${id}"]`)?.textContent?.trim() === '1',
      petitionId,
    );
    expect(await observer.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);

    // The second signature reaches the threshold (2 signatures, IDF and ARA): answer due, regions live.
    await ana.getByRole('button', { name: 'Signer la pétition' }).click();
    await ana.getByText('Signature enregistrée.').waitFor();
    await ana.getByText(/Atteint le/).waitFor();
    await ana.getByText(/Réponse attendue avant le/).waitFor();
    expect(await text(ana, 'petition-signatures')).toBe('2');
    expect(await text(ana, 'region-IDF')).toBe('1');
    expect(await text(ana, 'region-ARA')).toBe('1');
    await observer.waitForFunction(
      (id) => document.querySelector(`[data-testid="counter-${id}"]`)?.textContent?.trim() === '2',
      petitionId,
    );
    await bea.waitForFunction(
      () => document.querySelector('[data-testid="petition-signatures"]')?.textContent?.trim() === '2',
    );
    await expectAccessible(ana);
    await screenshot(ana, 'member-petition-desktop');

    await bea.getByRole('button', { name: 'Retirer ma signature' }).click();
    await bea.getByText('Signature retirée.').waitFor();
    await observer.waitForFunction(
      (id) => document.querySelector(`[data-testid="counter-${id}"]`)?.textContent?.trim() === '1',
      petitionId,
    );
    await expectAccessible(bea);
    await screenshot(bea, 'member-petition-phone');
    await expectAccessible(observer);
    await screenshot(observer, 'observer-petitions-desktop');

    const anonymous = await browser.open('phone');
    await anonymous.goto(`${sut.baseUrl}/#/c/${c.id}/petitions/${petitionId}`);
    await anonymous.getByTestId('petition-signatures').waitFor();
    expect(await text(anonymous, 'petition-signatures')).toBe('1');
    expect(await anonymous.getByRole('button', { name: 'Signer la pétition' }).count()).toBe(0);
    await expectAccessible(anonymous);
    await screenshot(anonymous, 'observer-petition-phone');

    await ana.goto(`${sut.baseUrl}/#/c/${c.id}/petitions`);
    await ana.getByRole('link', { name: 'Des pistes cyclables sûres' }).waitFor();
    await expectAccessible(ana);
    await screenshot(ana, 'member-petitions-desktop');
  }, 120_000);

  it('raised no script error in any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
