import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../../apps/cli/src/bench/votes-server';
import { createCollective, type Collective } from '../integration/domain/domain-fixtures';
import { addVolunteers, committedSortition } from '../integration/deputies/draw-job-world';
import { buildServer } from '../support/built-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureWebBuilt, launchBrowser, seriousViolations, type Browser } from './support/browser';

/** LEXIMIN over these takes seconds (13 levels): long enough to watch it and cancel it. */
const SIZE = { volunteers: 600, seats: 60, features: 4 } as const;

async function expectSound(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The pool-and-draw section only: the page above it lists 600 volunteers. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page
    .locator('section[aria-labelledby=pool-title]')
    .screenshot({ path: join(__dirname, 'artifacts', `${name}.png`) });
}

async function signIn(page: Page, baseUrl: string, email: string, next: string, lang: 'fr' | 'en') {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  const english = lang === 'en';
  await page.getByLabel(/^(Langue|Language)/).selectOption(lang);
  await page.getByLabel(english ? 'E-mail address' : 'Adresse e-mail').fill(email);
  await page.getByLabel(english ? 'Password' : 'Mot de passe').fill('correct horse battery');
  await page.getByRole('button', { name: english ? 'Sign in' : 'Se connecter' }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next}`));
}

describe('Web client in Chromium: the organiser follows a draw job live, cancels it, starts it again', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let c: Collective;
  const dataDir = mkdtempSync(join(tmpdir(), 'liquide-e2e-draw-job-'));
  const env = { NODE_ENV: 'development', LIQUIDE_DATA_DIR: dataDir, LOG_LEVEL: 'error' };

  beforeAll(async () => {
    buildServer();
    ensureWebBuilt();
    db = await createTestDatabase();
    server = await startServer(db.url, null, env);
    browser = await launchBrowser();
    c = await createCollective(server.baseUrl, [], { deputies: SIZE.seats, visibility: 'live' });
    const quotas = await addVolunteers(db.url, c.id, SIZE);
    await committedSortition(c.admin, c.id, quotas, 'web', { seats: SIZE.seats, serverSeed: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows phase, level, bound and progress in French on a desktop; finishes in English on a phone', async () => {
    const path = `/c/${c.id}/organise/sortition`;

    // 1. French, desktop: start the draw, watch it reach a LEXIMIN level, cancel it (confirmed).
    const page = await browser.open('desktop');
    await signIn(page, server.baseUrl, c.admin.email, path, 'fr');
    await page.getByLabel(/Valeur publique/).fill('7 12 19 33 41 / 3 8');
    await page.getByRole('button', { name: 'Tirer au sort', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Tirer au sort ?' })
      .getByRole('button', { name: 'Tirer au sort', exact: true })
      .click();
    await page.locator('[data-testid=draw-job][data-status=running]').waitFor();
    await page.getByTestId('draw-job-bound').waitFor();
    expect(await page.getByTestId('draw-job-phase').textContent()).toMatch(/niveau LEXIMIN \d+/);
    const bar = page.getByRole('progressbar', { name: 'Avancement du calcul du tirage' });
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/groupes fixés sur \d+/);
    await page.getByRole('button', { name: 'Annuler le calcul' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler le calcul du tirage ?' });
    await dialog.getByRole('button', { name: 'Annuler le calcul' }).click();
    await page.locator('[data-testid=draw-job][data-status=cancelled]').waitFor();
    expect(await page.getByTestId('draw-job-status').textContent()).toContain('Calcul annulé');
    // the cancelled job keeps its figures; the draw form is back
    await page.getByTestId('draw-job-bound').waitFor();
    await page.getByRole('button', { name: 'Tirer au sort', exact: true }).waitFor();
    await expectSound(page);
    await screenshot(page, 'draw-job-cancelled-fr-desktop');
    await page.close();

    // 2. English, phone: the page comes back to the cancelled job; start again and wait for the panel.
    const phone = await browser.open('phone');
    await signIn(phone, server.baseUrl, c.admin.email, path, 'en');
    await phone.locator('[data-testid=draw-job][data-status=cancelled]').waitFor();
    await phone.getByLabel(/Public value/).fill('7 12 19 33 41 / 3 8');
    await phone.getByRole('button', { name: 'Draw', exact: true }).click();
    await phone
      .getByRole('dialog', { name: 'Draw by lot?' })
      .getByRole('button', { name: 'Draw', exact: true })
      .click();
    await phone.locator('[data-testid=draw-job][data-status=running]').waitFor();
    await phone.getByRole('button', { name: 'Cancel the computation' }).waitFor();
    await phone.locator('[data-testid=draw-job][data-status=done]').waitFor({ timeout: 300_000 });
    await phone.getByTestId('seated').waitFor();
    expect(await phone.getByTestId('draw-job-status').textContent()).toContain('Draw finished and published');
    await expectSound(phone);
    await screenshot(phone, 'draw-job-done-en-phone');
  }, 600_000);
});
