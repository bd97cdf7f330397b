import { UnsubscribeTokens } from '@liquide/engine/notices/unsubscribe-token';
import { startTestApp, type TestApp } from '../support/test-app';
import { createCollective, requestId, type Collective } from '../integration/domain/domain-fixtures';
import { billAndBallot, waitForNotices } from '../integration/notices/notices-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  expectPageHealthy,
  signIn,
  type Browser,
} from './support/browser';

describe('Web client in Chromium: the stored inbox survives a reload, in French and in English', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let billId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ana', roles: 'member' },
        { name: 'ben', roles: 'member' },
      ],
      { visibility: 'live' },
    );
    await c.users.ana.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'global',
      trustees: [c.ids.ben],
    });
    ({ billId } = await billAndBallot(c.admin, c.id, 'Loi sur l’eau potable'));
    const { ballotId } = await billAndBallot(c.admin, c.id, 'Loi sur le rail');
    await c.users.ben.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId('ben'),
    });
    await waitForNotices(c.users.ana, 'delegate.voted');
    await waitForNotices(c.users.ben, 'delegation.received');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('in French: lists the notices with their bill, marks read, and keeps it all after a reload', async () => {
    const page = await browser.open();
    await signIn(page, sut.baseUrl, c.users.ana.email, '/notifications');
    await page.getByRole('link', { name: /Notifications\s*3/ }).waitFor();
    await page.getByText('ben a voté pour vous sur « Loi sur le rail » : Oui.').waitFor();
    await page.getByTestId('unread-count').getByText('3 non lue(s)').waitFor();
    const water = page.getByRole('link', { name: 'Loi sur l’eau potable' });
    expect(await water.getAttribute('href')).toBe(`#/c/${c.id}/bills/${billId}`);
    await page.getByRole('button', { name: /Marquer comme lue : Loi sur l’eau potable/ }).click();
    await page.getByTestId('unread-count').getByText('2 non lue(s)').waitFor();
    await expectPageHealthy(page);

    await page.reload();
    await page.getByText('ben a voté pour vous sur « Loi sur le rail » : Oui.').waitFor();
    await page.getByTestId('unread-count').getByText('2 non lue(s)').waitFor();
    await page.getByRole('link', { name: /Notifications\s*2/ }).waitFor();
    await screenshot(page, 'notices-inbox-fr');
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByTestId('unread-count').getByText('0 non lue(s)').waitFor();
    await page.reload();
    await page.getByTestId('unread-count').getByText('0 non lue(s)').waitFor();
    await page.getByText('ben a voté pour vous sur « Loi sur le rail » : Oui.').waitFor();

    // the e-mail choice is saved on the server
    await page.getByLabel('À chaque notification').check();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByText('Préférences enregistrées.').waitFor();
    expect((await c.users.ana.call('GET', '/api/notices/preferences')).body).toEqual({
      frequency: 'immediate',
      locale: 'fr',
    });
  }, 120_000);

  it('in English: shows the inbox, marks all read, and keeps it after a reload', async () => {
    const page = await browser.open('phone');
    await signIn(page, sut.baseUrl, c.users.ben.email, '/notifications');
    await page.locator('header select').selectOption('en');
    await page.reload();
    await page.getByText(/ana entrusts their vote to you/).waitFor();
    await page.getByText('Voting is open on “Loi sur l’eau potable” (Collectif de test).').waitFor();
    await page.getByText('Voting is open on “Loi sur le rail” (Collectif de test).').waitFor();
    await page.getByTestId('unread-count').getByText('3 unread').waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByTestId('unread-count').getByText('0 unread').waitFor();
    await page.reload();
    await page.getByText(/ana entrusts their vote to you/).waitFor();
    await page.getByTestId('unread-count').getByText('0 unread').waitFor();
    await screenshot(page, 'notices-inbox-en-phone');
  }, 120_000);

  it('unsubscribes in one click from the e-mail’s link, without signing in', async () => {
    const token = await sut.app.get(UnsubscribeTokens).sign(c.users.ben.email);
    const page = await browser.open();
    await page.goto(`${sut.baseUrl}/#/unsubscribe?token=${encodeURIComponent(token)}`);
    await page.getByTestId('unsubscribed').waitFor();
    expect((await c.users.ben.call('GET', '/api/notices/preferences')).body).toMatchObject({
      frequency: 'never',
    });
    await screenshot(page, 'notices-unsubscribed-fr');
    const tampered = await browser.open();
    await tampered.goto(
      `${sut.baseUrl}/#/unsubscribe?token=${encodeURIComponent(`${token.slice(0, -4)}AAAA`)}`,
    );
    await tampered.getByText('Lien de désabonnement invalide ou modifié').waitFor();
  }, 60_000);
});
