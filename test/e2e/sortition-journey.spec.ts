import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../../apps/cli/src/bench/votes-server';
import { createCollective, waitFor, type Collective } from '../integration/domain/domain-fixtures';
import { request, type ApiUser } from '../support/api-client';
import { buildServer } from '../support/built-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  seriousViolations,
  type Browser,
} from './support/browser';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const TRAINING = 'Procédure parlementaire et déontologie (2 jours)';
const SOURCE = 'EuroMillions du vendredi 4 décembre 2026';

/** No serious or critical axe violation, and nothing wider than the viewport. */
async function expectSound(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Signs in through the login form in the given language (picked in the header, as a person would). */
async function signIn(page: Page, baseUrl: string, email: string, next: string, lang: 'fr' | 'en') {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  const english = lang === 'en';
  await page.getByLabel(/^(Langue|Language)/).selectOption(lang);
  await page.getByLabel(english ? 'E-mail address' : 'Adresse e-mail').fill(email);
  await page.getByLabel(english ? 'Password' : 'Mot de passe').fill('correct horse battery');
  await page.getByRole('button', { name: english ? 'Sign in' : 'Se connecter' }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next}`));
}

/** The same person's API calls, to whichever server runs now (the token outlives a restart). */
let current = '';
const call = <T = unknown>(user: ApiUser, method: string, path: string, body?: unknown) =>
  request<T>(current, method, path, { token: user.token, body });

describe('Web client in Chromium: volunteer → certified → sortition across a restart → bound deputy', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let c: Collective;
  const dataDir = mkdtempSync(join(tmpdir(), 'liquide-sortition-e2e-'));
  const files = mkdtempSync(join(tmpdir(), 'liquide-sortition-files-'));
  // development: the local outbox carries the verification links the fixtures follow
  const env = { NODE_ENV: 'development', LIQUIDE_DATA_DIR: dataDir, LOG_LEVEL: 'error' };

  beforeAll(async () => {
    buildServer();
    ensureWebBuilt();
    db = await createTestDatabase();
    server = await startServer(db.url, null, env);
    current = server.baseUrl;
    browser = await launchBrowser();
    c = await createCollective(
      server.baseUrl,
      [
        { name: 'Ana', roles: 'member' },
        { name: 'Bea', roles: 'member' },
      ],
      { deputies: 3, visibility: 'live' },
    );
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('walks the whole journey in French on a desktop and in English on a phone', async () => {
    const deputyPath = `/c/${c.id}/deputy`;
    const sortitionPath = `/c/${c.id}/organise/sortition`;

    // 1. Ana volunteers (French, desktop), from the collective's "Député·e" tab.
    const ana = await browser.open('desktop');
    await signIn(ana, server.baseUrl, c.users.Ana.email, `/c/${c.id}`, 'fr');
    await ana.getByRole('link', { name: 'Député·e' }).click();
    await ana.getByRole('heading', { name: 'Ma candidature de député·e', level: 2 }).waitFor();
    expect(await ana.getByTestId('candidacy-status').getAttribute('data-status')).toBe('none');
    await ana.getByLabel('Votre présentation (facultative)').fill('Je connais bien le budget de la commune.');
    await ana.getByRole('button', { name: 'Me porter volontaire' }).click();
    await ana.locator('[data-testid=candidacy-status][data-status=volunteered]').waitFor();
    expect(await ana.getByTestId('candidacy-status').textContent()).toContain('en attente de certification');
    await expectSound(ana);
    await screenshot(ana, 'sortition-volunteer-fr-desktop');

    // 2. Bea volunteers in English on a phone.
    const bea = await browser.open('phone');
    await signIn(bea, server.baseUrl, c.users.Bea.email, deputyPath, 'en');
    await bea.getByRole('button', { name: 'Volunteer', exact: true }).click();
    await bea.locator('[data-testid=candidacy-status][data-status=volunteered]').waitFor();
    await expectSound(bea);
    await screenshot(bea, 'sortition-volunteer-en-phone');

    // 3. The organiser certifies both, recording the training; Escape cancels the confirmation.
    const organiser = await browser.open('desktop');
    await signIn(organiser, server.baseUrl, c.admin.email, `/c/${c.id}/organise`, 'fr');
    await organiser.getByRole('link', { name: 'Tirage au sort des députés' }).click();
    await organiser.getByRole('heading', { name: 'Tirage au sort', level: 1 }).waitFor();
    for (const name of ['Ana', 'Bea']) {
      await organiser.getByRole('button', { name: `Certifier ${name}` }).click();
      const form = organiser.getByRole('group', { name: `Certifier ${name}` });
      await form.getByLabel('Formation suivie (intitulé, description)').fill(TRAINING);
      await form.getByRole('button', { name: 'Certifier' }).click();
      const dialog = organiser.getByRole('dialog', { name: `Certifier ${name} ?` });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(TRAINING);
      if (name === 'Ana') {
        // focus starts on Cancel, stays in the dialog; Escape cancels and nothing is recorded
        expect(await organiser.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Annuler');
        await expectSound(organiser);
        await screenshot(organiser, 'sortition-certify-confirm-fr-desktop');
        await organiser.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        expect(await organiser.getByTestId('certified').count()).toBe(0);
        await form.getByRole('button', { name: 'Certifier' }).click();
      }
      await dialog.getByRole('button', { name: 'Certifier' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await waitFor(async () => (await organiser.getByTestId('certified').count()) === 2, 20_000);
    expect(await organiser.getByTestId('certified').first().textContent()).toContain(TRAINING);

    // 4. Freeze the pool (one seat, one substitute), then commit to a seed: both confirmed.
    await organiser.getByLabel('Sièges', { exact: true }).fill('1');
    await organiser.getByLabel('Suppléants').fill('1');
    await organiser.getByRole('button', { name: 'Geler le vivier' }).click();
    await organiser
      .getByRole('dialog', { name: 'Geler le vivier ?' })
      .getByRole('button', { name: 'Geler le vivier' })
      .click();
    await organiser.locator('[data-step=pool_frozen][data-done=true]').waitFor();
    await organiser.getByLabel(/Source de la valeur publique/).fill(SOURCE);
    await organiser.getByRole('button', { name: 'Engager la graine' }).click();
    const commit = organiser.getByRole('dialog', { name: 'Engager la graine ?' });
    expect(await commit.textContent()).toContain(SOURCE);
    await commit.getByRole('button', { name: 'Engager la graine' }).click();
    await organiser.locator('[data-step=seed_committed][data-done=true]').waitFor();
    await expectSound(organiser);
    await screenshot(organiser, 'sortition-committed-fr-desktop');

    // Ana now sees herself in the frozen pool, with her certification and its training.
    await ana.reload();
    await ana.locator('[data-testid=candidacy-status][data-status=in_pool]').waitFor();
    expect(await ana.getByTestId('candidacy-certification').textContent()).toContain(TRAINING);

    // 5. The server restarts (same database and data directory), as between Tuesday and Friday.
    await server.stop();
    server = await startServer(db.url, null, env);
    current = server.baseUrl;

    // 6. The organiser comes back on a phone, in English: the page resumes at the draw; no second freeze.
    const back = await browser.open('phone');
    await signIn(back, server.baseUrl, c.admin.email, sortitionPath, 'en');
    await back.locator('[data-step=seed_committed][data-done=true]').waitFor();
    expect(await back.locator('[data-step=drawn][data-done=false]').count()).toBe(1);
    expect(await back.getByRole('button', { name: 'Freeze the pool' }).count()).toBe(0);
    await expectSound(back);
    await screenshot(back, 'sortition-resumed-en-phone');
    await back.getByLabel(/Public value/).fill('7 12 19 33 41 / 3 8');
    await back.getByRole('button', { name: 'Draw', exact: true }).click();
    await back
      .getByRole('dialog', { name: 'Draw by lot?' })
      .getByRole('button', { name: 'Draw', exact: true })
      .click();
    await back.getByTestId('seated').waitFor();
    // the draw ran as a job: its panel says it ended and names the published proof
    await back.locator('[data-testid=draw-job][data-status=done]').waitFor();
    expect(await back.getByTestId('draw-job-status').textContent()).toContain('Draw finished and published');
    expect(await back.getByRole('button', { name: 'Cancel the computation' }).count()).toBe(0);
    expect(await back.getByRole('button', { name: 'Freeze the pool' }).count()).toBe(1);
    await expectSound(back);
    await screenshot(back, 'sortition-drawn-en-phone');

    const seats = await call<{ current: { memberId: string; displayName: string }[] }>(
      c.admin,
      'GET',
      `/api/collectives/${c.id}/deputies`,
    );
    // the organiser's token was issued before the restart: the key survives in LIQUIDE_DATA_DIR
    expect(seats.status).toBe(200);
    expect(seats.body.current).toHaveLength(1);
    const deputy = seats.body.current[0];
    expect(await back.getByTestId('seated').textContent()).toContain(deputy.displayName);

    // 7. A ballot on a bill closes (context set up through the API): the deputy is bound.
    const bill = await call<{ id: string }>(c.admin, 'POST', `/api/collectives/${c.id}/bills`, {
      title: 'Loi vélo',
      articles: [{ heading: 'Objet', text: 'La commune développe le vélo.' }],
    });
    const billId = bill.body.id;
    const now = Date.now();
    const ballot = await call<{ id: string }>(c.admin, 'POST', `/api/collectives/${c.id}/ballots`, {
      billId,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    expect((await call(c.admin, 'POST', `/api/ballots/${ballot.body.id}/open`)).status).toBe(204);
    for (const name of ['Ana', 'Bea']) {
      const vote = await call(c.users[name], 'PUT', `/api/ballots/${ballot.body.id}/vote`, {
        choice: 'yes',
        requestId: `e2e-vote-${name}-0001`,
      });
      expect(vote.status).toBe(200);
    }
    const bound = await call<{
      mandate: { bound: { count: number; deputies: { memberId: string }[] } };
    }>(c.admin, 'GET', `/api/ballots/${ballot.body.id}`);
    expect(bound.body.mandate.bound).toMatchObject({ count: 1, deputies: [{ memberId: deputy.memberId }] });
    expect((await call(c.admin, 'POST', `/api/ballots/${ballot.body.id}/close`)).status).toBe(201);
    await waitFor(async () => {
      const issued = await call<{ ballots: unknown[] }>(c.admin, 'GET', `/api/bills/${billId}/mandates`);
      return issued.body.ballots.length === 1;
    }, 30_000);

    // 8. The deputy (French, desktop) opens the instruction, downloads the JWS and checks it offline.
    const deputyName = deputy.displayName as 'Ana' | 'Bea';
    const me = await browser.open('desktop');
    await signIn(me, server.baseUrl, c.users[deputyName].email, `/c/${c.id}`, 'fr');
    await me.getByRole('link', { name: 'Député·e' }).click();
    const card = me.getByRole('article', { name: 'Loi vélo' });
    await card.getByTestId('signature-ok').waitFor({ timeout: 20_000 });
    // French typography: a narrow no-break space before the colon
    expect(await card.textContent()).toMatch(/Vous devez voter\s:\sOui/);
    expect(await me.getByTestId('mandate-history').textContent()).toContain('en fonction');
    await expectSound(me);
    await screenshot(me, 'sortition-instruction-fr-desktop');

    const [download] = await Promise.all([
      me.waitForEvent('download'),
      card.getByRole('link', { name: 'Télécharger l’instruction signée (.jws)' }).click(),
    ]);
    const jwsFile = join(files, download.suggestedFilename());
    await download.saveAs(jwsFile);
    expect(download.suggestedFilename()).toMatch(/\.jws$/);
    expect(readFileSync(jwsFile, 'utf8').split('.')).toHaveLength(3);
    // The two commands shown beside the link, run as written (npx liquide → this checkout's CLI).
    const [fetchKeys, verify] = (await card.getByTestId('verify-command').textContent())!.trim().split('\n');
    expect(fetchKeys).toBe(`curl -s ${server.baseUrl}/api/collectives/${c.id}/jwks.json > jwks.json`);
    expect(verify).toBe(`npx liquide verify-mandate ${download.suggestedFilename()} --jwks jwks.json`);
    await run('sh', ['-c', fetchKeys], { cwd: files });
    const cli = join(ROOT, 'apps', 'cli', 'bin', 'liquide.js');
    const verified = await run(process.execPath, [cli, ...verify.split(' ').slice(2)], { cwd: files });
    expect(verified.stdout).toContain(`ok: ${deputyName} (${deputy.memberId}) must vote "yes"`);
    // a single changed byte of the signed file fails the check
    const text = readFileSync(jwsFile, 'utf8');
    const tampered = join(files, 'tampered.jws');
    writeFileSync(tampered, text.slice(0, 20) + (text[20] === 'A' ? 'B' : 'A') + text.slice(21));
    await expect(
      run(process.execPath, [cli, 'verify-mandate', tampered, '--jwks', 'jwks.json'], { cwd: files }),
    ).rejects.toMatchObject({
      code: 1,
    });

    // The card's links lead to the bill and to the ballot's final result.
    await card.getByRole('link', { name: 'Lire le texte' }).click();
    await me.waitForURL((url) => url.hash === `#/c/${c.id}/bills/${billId}`);
    await me.getByRole('heading', { name: 'Loi vélo', level: 1 }).waitFor();
    await me.goBack();
    await me
      .getByRole('article', { name: 'Loi vélo' })
      .getByRole('link', { name: 'Voir le scrutin et son résultat' })
      .click();
    await me.waitForURL((url) => url.hash === `#/c/${c.id}/observe/${ballot.body.id}`);
    await me.getByRole('heading', { name: 'Résultat final' }).waitFor();
    await expectSound(me);
    await screenshot(me, 'sortition-result-fr-desktop');

    // 9. The same deputy's page in English on a phone.
    const phone = await browser.open('phone');
    await signIn(phone, server.baseUrl, c.users[deputyName].email, deputyPath, 'en');
    await phone
      .getByRole('article', { name: 'Loi vélo' })
      .getByTestId('signature-ok')
      .waitFor({ timeout: 20_000 });
    await phone.getByRole('link', { name: 'Download the signed instruction (.jws)' }).waitFor();
    await expectSound(phone);
    await screenshot(phone, 'sortition-instruction-en-phone');
    expect(browser.pageErrors).toEqual([]);
  }, 600_000);
});
