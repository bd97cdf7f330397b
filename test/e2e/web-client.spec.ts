import type { Page } from 'playwright-core';
import { registerUser, type ApiUser } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { drawAndWait } from '../support/sortition-draw';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  uniqueSlug,
  waitFor,
  type Collective,
} from '../integration/domain/domain-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  expectPageHealthy,
  signIn,
  type Browser,
} from './support/browser';

/** Reads a tally figure as the observer page shows it (French number format). */
async function figure(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

async function expectAccessible(page: Page): Promise<void> {
  await expectPageHealthy(page);
}

describe('Web client in Chromium: members, observers, deputies and organisers', () => {
  let sut: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('serves the client at / and leaves the API and health to the server', async () => {
    const page = await fetch(`${sut.baseUrl}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="app">');
    const deep = await fetch(`${sut.baseUrl}/some/page`);
    expect(deep.status).toBe(200);
    expect((await fetch(`${sut.baseUrl}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${sut.baseUrl}/health`)).headers.get('content-type')).toContain('json');
  });

  describe('a member delegates, another votes, and the observer page moves without reload', () => {
    let c: Collective;
    let ballotId: string;
    let billId: string;

    beforeAll(async () => {
      c = await createCollective(
        sut.baseUrl,
        [
          { name: 'ana', roles: 'member' },
          { name: 'bea', roles: 'member' },
        ],
        { public: true, visibility: 'live', deputies: 5 },
      );
      const topic = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/topics`, {
        slug: 'climat',
        name: 'Climat',
      });
      ({ ballotId, billId } = await createBallot(c.admin, c.id, { topicId: topic.body.id }));
    }, 180_000);

    it('updates the live tally, tells the delegator, and draws who represents them', async () => {
      const observer = await browser.open();
      await observer.goto(`${sut.baseUrl}/#/c/${c.id}/observe/${ballotId}`);
      await observer.getByTestId('total-yes').waitFor();
      await observer.getByText('En direct', { exact: true }).waitFor();
      expect(await figure(observer, 'total-yes')).toBe('0');
      await observer.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

      const ana = await browser.open();
      await signIn(ana, sut.baseUrl, c.users.ana.email, `/c/${c.id}/delegations`);
      await ana.getByLabel('Chercher une personne de confiance').fill('bea');
      await ana.getByRole('button', { name: 'Ajouter bea' }).click();
      await ana.getByRole('button', { name: 'Enregistrer la délégation' }).click();
      await ana.getByText('Délégation enregistrée.').waitFor();
      await ana.getByText(/1\. bea/).waitFor();

      const bea = await browser.open('phone');
      await signIn(bea, sut.baseUrl, c.users.bea.email, `/c/${c.id}/bills/${billId}`);
      await bea.getByLabel('Oui').check();
      await bea.getByRole('button', { name: 'Voter' }).click();
      await bea.getByText('Vote enregistré : Oui.').waitFor();

      await observer.waitForFunction(
        () => document.querySelector('[data-testid="total-yes"]')?.textContent?.trim() === '2',
      );
      expect(await observer.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      expect(await figure(observer, 'delegated')).not.toBe('0 %');

      // the stored inbox also holds the ballot's opening and its closing reminder (docs/notices.md)
      await ana.getByRole('link', { name: /Notifications\s*\d+/ }).click();
      await ana.getByText('bea a voté pour vous sur « Projet » : Oui.').waitFor();

      await ana.goto(`${sut.baseUrl}/#/c/${c.id}/bills/${billId}`);
      await ana.getByText('Votre voix est portée par bea, qui a voté Oui.').waitFor();
      const chain = ana.getByRole('list', { name: 'Chaîne de délégation' });
      expect(await chain.getByRole('listitem').allTextContents()).toEqual(['Vous', 'bea', 'Oui']);
      await screenshot(ana, 'member-bill-desktop');
      await screenshot(bea, 'member-bill-phone');
      await screenshot(observer, 'observer-tally-desktop');
    }, 90_000);

    it('has no serious or critical axe violation on the member and observer main pages', async () => {
      const member = await browser.open();
      await signIn(member, sut.baseUrl, c.users.bea.email, `/c/${c.id}`);
      await member.getByRole('link', { name: 'Projet' }).waitFor();
      await expectAccessible(member);
      await screenshot(member, 'member-home-desktop');
      const phone = await browser.open('phone');
      await signIn(phone, sut.baseUrl, c.users.ana.email, `/c/${c.id}/delegations`);
      await phone.getByText('Mes délégations').waitFor();
      await expectAccessible(phone);
      await screenshot(phone, 'member-delegations-phone');

      const observer = await browser.open('phone');
      await observer.goto(`${sut.baseUrl}/#/c/${c.id}/observe/${ballotId}`);
      await observer.getByTestId('total-yes').waitFor();
      await expectAccessible(observer);
      await screenshot(observer, 'observer-tally-phone');
      await observer.goto(`${sut.baseUrl}/#/c/${c.id}/observe`);
      await observer.getByRole('link', { name: 'Projet' }).waitFor();
      await expectAccessible(observer);
    }, 180_000);
  });

  describe('a drawn deputy', () => {
    it('sees their instruction after close with the signature verified in the browser', async () => {
      const c = await createCollective(
        sut.baseUrl,
        ['dan', 'eve', 'fay', 'gus'].map((name) => ({ name, roles: 'member' })),
        { public: true, visibility: 'live', deputies: 2 },
      );
      for (const name of ['dan', 'eve', 'fay']) {
        expect((await c.users[name].call('POST', `/api/collectives/${c.id}/volunteers`, {})).status).toBe(
          201,
        );
        const certified = await c.admin.call(
          'PUT',
          `/api/collectives/${c.id}/volunteers/${c.ids[name]}/certification`,
          { certifiedOn: '2026-11-20', training: 'Formation' },
        );
        expect(certified.status).toBe(204);
      }
      const pool = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/sortitions`, {
        seats: 2,
      });
      await c.admin.call('POST', `/api/sortitions/${pool.body.id}/commitment`, { publicValueSource: 'test' });
      const drawn = await drawAndWait(c.admin, pool.body.id, { publicValue: '4 8 15 16 23 42' });
      expect(drawn.status).toBe(202);
      const { ballotId } = await createBallot(c.admin, c.id);
      for (const [name, choice] of [
        ['dan', 'yes'],
        ['eve', 'yes'],
        ['fay', 'no'],
        ['gus', 'yes'],
      ]) {
        await c.users[name].call('PUT', `/api/ballots/${ballotId}/vote`, { choice, requestId: requestId() });
      }
      expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
      const deputyName = Object.keys(c.ids).find((name) => c.ids[name] === drawn.body.panel[0])!;
      // Instructions are signed just after the close, outside its transaction.
      await waitFor(async () => {
        const mine = await c.users[deputyName].call<{ current: unknown[] }>(
          'GET',
          `/api/collectives/${c.id}/mandates/mine`,
        );
        return mine.body.current.length > 0;
      });

      const page = await browser.open();
      await signIn(page, sut.baseUrl, c.users[deputyName].email, `/c/${c.id}/deputy`);
      await page.getByTestId('signature-ok').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('signature-bad').count()).toBe(0);
      await page.getByText(/Vous devez voter\s: (Oui|Non)/).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'deputy-desktop');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'deputy-phone');
    }, 90_000);
  });

  describe('an organiser', () => {
    let organiser: ApiUser;
    let collectiveId: string;

    beforeAll(async () => {
      organiser = await registerUser(sut.baseUrl, 'olga');
      const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
        name: 'Collectif e2e',
        slug: uniqueSlug('e2e'),
        settings: { public: false },
      });
      collectiveId = created.body.id;
      await importCsv(organiser, collectiveId, 'email,display_name,roles\nzoe@example.org,Zoé,member');
    });

    it('imports members with a progress bar and a per-row error report; the page is accessible', async () => {
      const page = await browser.open();
      await signIn(page, sut.baseUrl, organiser.email, `/c/${collectiveId}/organise`);
      await page.getByRole('heading', { name: 'Importer des membres' }).waitFor();
      await expectAccessible(page);
      await page
        .getByLabel('Ou collez le contenu')
        .fill('email,display_name,roles\nyann@example.org,Yann,member\nnot-an-email,X,member\n');
      await page.getByRole('button', { name: "Lancer l'import" }).click();
      await page.getByText(/Import terminé\s: 1 créé, 0 mis à jour, 1 refusé\./).waitFor();
      expect(await page.locator('progress').getAttribute('value')).toBe(
        await page.locator('progress').getAttribute('max'),
      );
      const rows = page.getByRole('table', { name: 'Lignes refusées' }).getByRole('row');
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(1).textContent()).toContain('3');
      await screenshot(page, 'organiser-desktop');
      const phone = await browser.open('phone');
      await signIn(phone, sut.baseUrl, organiser.email, `/c/${collectiveId}/organise`);
      await phone.getByRole('heading', { name: 'Réglages' }).waitFor();
      await expectAccessible(phone);
      await screenshot(phone, 'organiser-phone');
    }, 180_000);
  });
});
