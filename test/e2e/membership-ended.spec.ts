import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { createBallot, createCollective, type Collective } from '../integration/domain/domain-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  seriousViolations,
  signIn,
  type Browser,
} from './support/browser';

/** A member with the app open while an organiser deactivates them in the directory (Chromium). */
describe('A member deactivated while the app is open is told at once, and cannot act any more', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let billId: string;
  let collectiveName: string;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'Ana', roles: 'member' },
        { name: 'Ben', roles: 'member' },
      ],
      { public: false, visibility: 'live' },
    );
    ({ billId } = await createBallot(c.admin, c.id, { visibility: 'live' }));
    collectiveName = (await c.admin.call<{ name: string }>('GET', `/api/collectives/${c.id}`)).body.name;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  async function memberOnBill(
    language: 'fr' | 'en',
    size: 'desktop' | 'phone',
    email: string,
  ): Promise<Page> {
    const page = await browser.open(size);
    await page.context().addInitScript((locale) => localStorage.setItem('liquide.locale', locale), language);
    if (language === 'fr') {
      await signIn(page, sut.baseUrl, email, `/c/${c.id}/bills/${billId}`);
    } else {
      await page.goto(`${sut.baseUrl}/#/login?next=${encodeURIComponent(`/c/${c.id}/bills/${billId}`)}`);
      await page.getByLabel('E-mail address').fill(email, { timeout: 60_000 });
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page
      .locator('form')
      .filter({ has: page.getByRole('radio') })
      .first()
      .waitFor({ timeout: 60_000 });
    return page;
  }

  async function deactivateInDirectory(name: string): Promise<void> {
    const organiser = await browser.open('desktop');
    await signIn(organiser, sut.baseUrl, c.admin.email, `/c/${c.id}/organise/members`);
    await organiser.getByRole('button', { name: `Désactiver ${name}` }).click({ timeout: 60_000 });
    await organiser.getByRole('button', { name: `Réactiver ${name}` }).waitFor({ timeout: 60_000 });
    await organiser.close();
  }

  it('in English on a phone: the open bill page says the membership ended, and a vote is refused', async () => {
    const ana = await memberOnBill('en', 'phone', c.users.Ana.email);
    await deactivateInDirectory('Ana');
    const banner = ana.getByRole('alert').filter({ hasText: 'deactivated your membership' });
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('you can no longer vote, delegate or act here');
    expect(await seriousViolations(ana)).toEqual([]);
    await screenshot(ana, 'membership-ended-en-phone');
    // the page is stale: voting from it is refused by the server, in English
    await ana.getByRole('radio').first().check();
    await ana.getByRole('button', { name: /Vote|Change/ }).click();
    await ana
      .locator('.error')
      .filter({ hasText: 'Your membership of this collective was deactivated by its organisers' })
      .waitFor({ timeout: 30_000 });
    await ana.close();
  }, 180_000);

  it('in French on a desktop: after a reload the member is pointed to their collectives', async () => {
    const ben = await memberOnBill('fr', 'desktop', c.users.Ben.email);
    await deactivateInDirectory('Ben');
    await ben
      .getByRole('alert')
      .filter({ hasText: 'ont désactivé votre adhésion' })
      .waitFor({ timeout: 30_000 });
    await screenshot(ben, 'membership-ended-fr-desktop');
    await ben.getByRole('link', { name: 'Voir mes collectifs' }).click();
    await ben.waitForURL((url) => url.hash === '#/' || url.hash === '');
    const mine = ben.getByRole('region', { name: 'Mes collectifs' });
    await mine
      .getByText('Vous n’êtes membre actif d’aucun collectif pour l’instant.')
      .waitFor({ timeout: 30_000 });
    expect(await mine.getByRole('link', { name: collectiveName }).count()).toBe(0);
    await ben.close();
  }, 180_000);
});
