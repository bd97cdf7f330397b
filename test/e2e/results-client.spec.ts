import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { createCollective, requestId, waitFor, type Collective } from '../integration/domain/domain-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  seriousViolations,
  signIn,
  type Browser,
} from './support/browser';

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;

/** No serious or critical axe violation, and nothing wider than the viewport. */
async function expectSound(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A person's own browser at a given size and language (the client's stored choice, set before it starts). */
async function openAs(browser: Browser, size: keyof typeof SIZES, language: 'fr' | 'en'): Promise<Page> {
  const page = await browser.open(size);
  await page.setViewportSize(SIZES[size]);
  await page.context().addInitScript((locale) => localStorage.setItem('liquide.locale', locale), language);
  return page;
}

/** Signs in through the English login form, then lands on `next`. */
async function signInEnglish(page: Page, baseUrl: string, email: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next}`));
}

/** A bill with one open ballot, set up through the API (context, not the steps under test). */
async function openBallot(c: Collective, title: string): Promise<{ billId: string; ballotId: string }> {
  const bill = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/bills`, {
    title,
    articles: [{ heading: 'Article 1', text: 'Le texte de la loi.' }],
  });
  expect(bill.status).toBe(201);
  const now = Date.now();
  const ballot = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/ballots`, {
    billId: bill.body.id,
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  expect(ballot.status).toBe(201);
  expect((await c.admin.call('POST', `/api/ballots/${ballot.body.id}/open`)).status).toBe(204);
  return { billId: bill.body.id, ballotId: ballot.body.id };
}

describe('Web client in Chromium: closing a ballot, its result and archive, the observer, not counted yet', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ana', roles: 'member' },
        { name: 'ben', roles: 'member' },
        { name: 'cleo', roles: 'member' },
        { name: 'dan', roles: 'member' },
      ],
      { public: true, visibility: 'live', deputies: 4 },
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('in French on a desktop: a member votes, the organiser confirms the close, the member finds the result and the archive', async () => {
    const { billId } = await openBallot(c, 'Loi sur les jardins partagés');
    const billPath = `/c/${c.id}/bills/${billId}`;

    // Ana votes yes on the bill's page.
    const ana = await openAs(browser, 'desktop', 'fr');
    await signIn(ana, sut.baseUrl, c.users.ana.email, billPath);
    await ana.getByRole('heading', { name: 'Loi sur les jardins partagés' }).waitFor();
    await ana.getByLabel('Oui').check();
    await ana.getByRole('button', { name: 'Voter' }).click();
    await ana.getByText('Vote enregistré : Oui.').waitFor();
    await expectSound(ana);

    // The organiser closes it early: a dialog asks first; cancelling leaves it open.
    const olga = await openAs(browser, 'desktop', 'fr');
    await signIn(olga, sut.baseUrl, c.admin.email, `/c/${c.id}/organise`);
    const close = olga.getByRole('button', { name: 'Clore le scrutin « Loi sur les jardins partagés »' });
    await close.click();
    const dialog = olga.getByRole('dialog', { name: 'Clore le scrutin « Loi sur les jardins partagés » ?' });
    await dialog.waitFor();
    await dialog.getByText('Cette action ne peut pas être annulée.').waitFor();
    await expectSound(olga);
    await screenshot(olga, 'results-close-dialog-fr-desktop');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const bill = async () =>
      (await c.admin.call<{ ballots: { status: string }[] }>('GET', `/api/bills/${billId}`)).body;
    expect((await bill()).ballots[0].status).toBe('open');
    await close.click();
    await dialog.getByRole('button', { name: 'Clore définitivement' }).click();
    await olga.getByText('Scrutin clos.').waitFor();
    expect((await bill()).ballots[0].status).toBe('closed');
    await olga.getByRole('row', { name: /Loi sur les jardins partagés.*Clos le/ }).waitFor();

    // Ana comes back: the result on the bill's page, and the archive there and on the collective's page.
    await ana.reload();
    await ana.getByRole('heading', { name: 'Loi sur les jardins partagés', level: 1 }).waitFor();
    const result = ana.getByRole('complementary').getByTestId('ballot-result');
    await result.getByText('Adopté').waitFor();
    expect(await result.getByTestId('closed-at').textContent()).toMatch(/Clos le .*avant la date prévue/);
    expect((await result.getByTestId('total-yes').textContent())?.trim()).toBe('1');
    await ana.getByRole('heading', { name: 'Scrutins clos' }).waitFor();
    await ana.getByText('Vous avez voté Oui', { exact: false }).waitFor();
    await expectSound(ana);
    await screenshot(ana, 'results-bill-closed-fr-desktop');

    await ana.goto(`${sut.baseUrl}/#/c/${c.id}`);
    const archive = ana.getByTestId('ballot-archive');
    await archive.getByRole('heading', { name: 'Scrutins clos' }).waitFor();
    await archive.getByRole('heading', { name: 'Loi sur les jardins partagés' }).waitFor();
    await archive.getByText('Adopté').waitFor();
    // French typography: a narrow no-break space before each colon
    await archive.getByText(/Participation\s:\s20/).waitFor();
    await archive.getByText(/Instructions aux députés\s:\s.*Oui\s\d/).waitFor();
    await expectSound(ana);
    await screenshot(ana, 'results-archive-fr-desktop');
  }, 180_000);

  it('in English on a phone: an observer sees the live badge go and the final result with its closing time', async () => {
    const { ballotId } = await openBallot(c, 'Library hours act');
    const vote = await c.users.ben.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: requestId('ben'),
    });
    expect(vote.status).toBe(200);

    const observer = await openAs(browser, 'phone', 'en');
    await observer.goto(`${sut.baseUrl}/#/c/${c.id}/observe/${ballotId}`);
    await observer.getByRole('heading', { name: 'Library hours act' }).waitFor();
    await observer.getByTestId('live-badge').getByText('Live', { exact: true }).waitFor();
    await observer.getByRole('heading', { name: 'Current tally' }).waitFor();
    await expectSound(observer);

    // The organiser closes it elsewhere; the page, left open, switches to the final state.
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    await observer.getByRole('heading', { name: 'Final result' }).waitFor();
    await observer.getByTestId('live-badge').waitFor({ state: 'detached' });
    await observer
      .getByTestId('closed-at')
      .getByText(/Closed on/)
      .waitFor();
    expect((await observer.getByTestId('ballot-status').textContent())?.trim()).toBe('Closed');
    expect((await observer.getByTestId('total-no').textContent())?.trim()).toBe('1');
    await expectSound(observer);
    await screenshot(observer, 'results-observer-closed-en-phone');

    // Coming back later: still closed, no live badge.
    await observer.reload();
    await observer.getByRole('heading', { name: 'Final result' }).waitFor();
    expect(await observer.getByTestId('live-badge').count()).toBe(0);
  }, 180_000);

  it('in English on a phone: a member whose trustee has not voted reads "not counted yet" and the chain', async () => {
    const { billId, ballotId } = await openBallot(c, 'Bike lanes act');
    const delegated = await c.users.dan.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'bill',
      billId,
      trustees: [c.ids.cleo],
    });
    expect(delegated.status).toBe(200);

    const dan = await openAs(browser, 'phone', 'en');
    await signInEnglish(dan, sut.baseUrl, c.users.dan.email, `/c/${c.id}/bills/${billId}`);
    await dan.getByRole('heading', { name: 'Bike lanes act' }).waitFor();
    await dan.getByText('Not counted yet: your trustee has not voted yet.', { exact: false }).waitFor();
    const chain = dan.getByRole('list', { name: 'Chain of trustees who would carry your vote' });
    expect(await chain.getByRole('listitem').allTextContents()).toEqual(['You', 'cleo']);
    expect(await dan.getByText(/Your vote is lost/).count()).toBe(0);
    await expectSound(dan);
    await screenshot(dan, 'results-not-counted-yet-en-phone');

    // Once the trustee votes, coming back shows who carries the vote.
    const vote = await c.users.cleo.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId('cleo'),
    });
    expect(vote.status).toBe(200);
    await waitFor(async () => {
      await dan.reload();
      await dan.getByRole('heading', { name: 'Who represents me?' }).waitFor();
      return (await dan.getByText(/carried by cleo/).count()) > 0;
    }, 30_000);
  }, 180_000);
});
