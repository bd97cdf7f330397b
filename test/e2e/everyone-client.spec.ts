import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createBallot,
  createCollective,
  uniqueSlug,
  type Collective,
} from '../integration/domain/domain-fixtures';
import { enablePetitions, smallSettings } from '../integration/plugins/petitions-fixtures';
import {
  ensureWebBuilt,
  expectPageHealthy,
  launchBrowser,
  screenshot,
  type Browser,
  type Size,
} from './support/browser';

type Language = 'fr' | 'en';
/** What a person reads on screen, in each language (the client's own dictionaries say the same). */
const WORDS = {
  fr: {
    'home.title': 'Liquide, la démocratie liquide',
    'home.openButton': 'Ouvrir',
    'header.language': 'Langue',
    'login.email': 'Adresse e-mail',
    'login.password': 'Mot de passe',
    'login.submit': 'Se connecter',
    'nav.collective': 'Espaces du collectif',
    'nav.observe': 'Observatoire',
    'people.mine': 'Mes collectifs',
    'people.openRef': 'Identifiant ou nom court du collectif',
    'petitions.addressee': 'Destinataire',
    'petitions.draft': 'Proposer une pétition',
    'petitions.draftSubmit': 'Créer le brouillon',
    'petitions.text': 'Texte',
    'petitions.title': 'Titre',
    'plugins.applyPreset': 'Appliquer et activer',
    'plugins.preset': 'Préréglage',
    'plugins.presetApplied': 'Préréglage « {name} » appliqué ; module activé.',
    'plugins.settings': 'Réglages de {title}',
    'schema.item': '{label} {n}',
  },
  en: {
    'home.title': 'Liquide, liquid democracy',
    'home.openButton': 'Open',
    'header.language': 'Language',
    'login.email': 'E-mail address',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'nav.collective': 'Collective sections',
    'nav.observe': 'Observatory',
    'people.mine': 'My collectives',
    'people.openRef': 'Collective id or slug',
    'petitions.addressee': 'Addressee',
    'petitions.draft': 'Propose a petition',
    'petitions.draftSubmit': 'Create the draft',
    'petitions.text': 'Text',
    'petitions.title': 'Title',
    'plugins.applyPreset': 'Apply and enable',
    'plugins.preset': 'Preset',
    'plugins.presetApplied': 'Preset “{name}” applied; plugin enabled.',
    'plugins.settings': 'Settings of {title}',
    'schema.item': '{label} {n}',
  },
} as const;
type MessageKey = keyof (typeof WORDS)['fr'];
const fr = WORDS.fr;
const en = WORDS.en;
const BROWSER_LANGUAGES: Record<Language, string[]> = { fr: ['fr-FR', 'fr'], en: ['en-GB', 'en'] };
/** Every journey below runs at both sizes, in both languages. */
const CASES: [Size, Language][] = [
  ['desktop', 'fr'],
  ['phone', 'en'],
  ['phone', 'fr'],
  ['desktop', 'en'],
];
/** Each size and each language at least once. */
const PAIRS: [Size, Language][] = [
  ['desktop', 'fr'],
  ['phone', 'en'],
];
const JOURNEY_MS = 180_000;

/** A message of the web client in `language`, `{name}` placeholders filled. */
function words(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return WORDS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

/** Signs in through the login form, in the page's language, then lands on `next`. */
async function signIn(page: Page, baseUrl: string, email: string, next: string, language: Language) {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(words(language, 'login.email')).fill(email);
  await page.getByLabel(words(language, 'login.password'), { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: words(language, 'login.submit'), exact: true }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next.split('?')[0]}`));
}

describe('Web client in Chromium: languages, field errors, phones, settings, home', () => {
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let ballotId: string;
  let slug: string;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ana', roles: 'member' },
        { name: 'bea', roles: 'member' },
      ],
      { public: true, visibility: 'live', deputies: 5 },
    );
    ({ ballotId } = await createBallot(c.admin, c.id));
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([
        { id: 'response', signatures: 2, effect: 'response-required', responseDeadlineDays: 30 },
      ]),
    });
    slug = uniqueSlug('home');
    const created = await c.admin.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Collectif du quartier',
      slug,
      settings: { public: true },
    });
    expect(created.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it.each(['desktop', 'phone'] as const)(
    'opens in the browser’s language, and a saved choice wins after reload (%s)',
    async (size) => {
      const english = await browser.open(size, { languages: BROWSER_LANGUAGES.en });
      await english.goto(`${sut.baseUrl}/#/`);
      await english.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
      expect(await english.evaluate(() => document.documentElement.lang)).toBe('en');
      await expectPageHealthy(english, `home (en, ${size})`);

      const french = await browser.open(size, { languages: BROWSER_LANGUAGES.fr });
      await french.goto(`${sut.baseUrl}/#/`);
      await french.getByRole('heading', { level: 1, name: fr['home.title'] }).waitFor();
      expect(await french.evaluate(() => document.documentElement.lang)).toBe('fr');

      // The English-preferring browser's person picks French: it holds after a reload.
      await english
        .getByRole('combobox', { name: en['header.language'] })
        .selectOption({ label: 'Français' });
      await english.getByRole('heading', { level: 1, name: fr['home.title'] }).waitFor();
      await english.reload();
      await english.getByRole('heading', { level: 1, name: fr['home.title'] }).waitFor();
      expect(await english.evaluate(() => document.documentElement.lang)).toBe('fr');
      await screenshot(english, `everyone-language-saved-choice-${size}`);
    },
    JOURNEY_MS,
  );

  it.each(CASES)(
    'a member drafting a petition sees the server’s refusal next to the field (%s, %s)',
    async (size, language) => {
      const page = await browser.open(size, { languages: BROWSER_LANGUAGES[language] });
      await signIn(page, sut.baseUrl, c.users.ana.email, `/c/${c.id}/petitions`, language);
      await page.getByRole('heading', { name: words(language, 'petitions.draft') }).waitFor();
      const title = page.getByLabel(words(language, 'petitions.title'), { exact: true });
      // Five characters once trimmed: three letters and spaces pass no client rule, the server refuses.
      await title.fill('  Eau  ');
      await page.getByLabel(words(language, 'petitions.addressee'), { exact: true }).fill('La mairie');
      await page
        .getByLabel(words(language, 'petitions.text'), { exact: true })
        .fill('Des fontaines publiques.');
      await page.getByRole('button', { name: words(language, 'petitions.draftSubmit') }).click();

      const rule = language === 'fr' ? 'Au moins 5 caractères.' : 'At least 5 characters.';
      const summary = page.getByRole('alert');
      await summary.getByText(rule).waitFor();
      expect(await summary.textContent()).toContain(words(language, 'petitions.title'));
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await title.getAttribute('aria-describedby'))?.split(' ') ?? [];
      const notes = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(notes).toContain(rule);
      // the message sits right under its field, not elsewhere on the page
      const [fieldBox, noteBox] = await Promise.all([
        title.boundingBox(),
        page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).boundingBox(),
      ]);
      expect(noteBox!.y).toBeGreaterThan(fieldBox!.y);
      expect(noteBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);
      expect(await page.getByText(/too_small|Trop petit|>=/).count()).toBe(0);
      await expectPageHealthy(page, `petitions form error (${language}, ${size})`);
      await screenshot(page, `everyone-field-error-${language}-${size}`);

      // Put right, the draft goes through and the marks go away.
      await title.fill('De l’eau pour tous');
      await page.getByRole('button', { name: words(language, 'petitions.draftSubmit') }).click();
      await page.waitForURL((url) => /#\/c\/[^/]+\/petitions\/[0-9a-f-]{36}/.test(url.hash));
    },
    JOURNEY_MS,
  );

  it.each(CASES)(
    'the organiser and observer pages fit a %s screen in %s',
    async (size, language) => {
      const page = await browser.open(size, { languages: BROWSER_LANGUAGES[language] });
      await signIn(page, sut.baseUrl, c.admin.email, `/c/${c.id}/organise`, language);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByRole('navigation', { name: words(language, 'nav.collective') }).waitFor();
      await expectPageHealthy(page, `organiser (${language}, ${size})`);
      await screenshot(page, `everyone-organiser-${language}-${size}`);

      await page.getByRole('link', { name: words(language, 'nav.observe') }).click();
      await page.waitForURL((url) => url.hash.endsWith('/observe'));
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expectPageHealthy(page, `observer list (${language}, ${size})`);

      await page.goto(`${sut.baseUrl}/#/c/${c.id}/observe/${ballotId}`);
      await page.getByTestId('total-yes').waitFor();
      await expectPageHealthy(page, `tally (${language}, ${size})`);
      // every bar's label, figure and percentage are side by side, none over another
      const overlaps = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.bars li')).flatMap((row) => {
          const boxes = ['.bar-label', '.bar-value', '.bar-share'].map((selector) =>
            row.querySelector(selector)!.getBoundingClientRect(),
          );
          const hidden = boxes.filter((box) => box.width === 0).length;
          const crossing = boxes.some((a, i) =>
            boxes.some(
              (b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
            ),
          );
          return hidden > 0 || crossing ? [row.textContent] : [];
        }),
      );
      expect(overlaps).toEqual([]);
      // the collective's tabs hold on one line
      const tabs = page.locator('.tabs');
      const firstTab = tabs.getByRole('link').first();
      const [tabsBox, tabBox] = await Promise.all([tabs.boundingBox(), firstTab.boundingBox()]);
      expect(tabsBox!.height).toBeLessThan(tabBox!.height * 1.6);
      await screenshot(page, `everyone-observer-${language}-${size}`);
    },
    JOURNEY_MS,
  );

  it.each(PAIRS)(
    'the petitions settings read by section, with region names and a summary (%s, %s)',
    async (size, language) => {
      const page = await browser.open(size, { languages: BROWSER_LANGUAGES[language] });
      await signIn(page, sut.baseUrl, c.admin.email, `/c/${c.id}/organise/plugins`, language);
      const presetTitle =
        language === 'fr' ? 'Initiative citoyenne européenne' : "European Citizens' Initiative";
      await page.getByLabel(words(language, 'plugins.preset')).first().selectOption({ label: presetTitle });
      await page
        .getByRole('button', { name: words(language, 'plugins.applyPreset') })
        .first()
        .click();
      await page.getByText(words(language, 'plugins.presetApplied', { name: presetTitle })).waitFor();

      const form = page.getByRole('form', {
        name: words(language, 'plugins.settings', { title: language === 'fr' ? 'Pétitions' : 'Petitions' }),
      });
      for (const section of language === 'fr'
        ? ['Parrainage', 'Modération', 'Collecte des signatures']
        : ['Sponsorship', 'Moderation', 'Signature collection']) {
        await form.getByRole('group', { name: section, exact: true }).waitFor();
      }
      const germany = language === 'fr' ? 'Allemagne' : 'Germany';
      const first = form.getByRole('group', {
        name: words(language, 'schema.item', { label: language === 'fr' ? 'Seuil' : 'Threshold', n: 1 }),
        exact: true,
      });
      // 27 national minimums fold behind their count; opened, each reads as a country
      await first
        .getByText(language === 'fr' ? /Minimum par région\s: 27 régions/ : /Minimum per region: 27 regions/)
        .click();
      expect(await first.getByLabel(germany, { exact: true }).inputValue()).toBe(String(96 * 720));
      expect(await first.getByLabel('DE', { exact: true }).count()).toBe(0);

      const summary = page.getByTestId('petitions-summary');
      await summary.waitFor();
      const summaryText = (await summary.textContent()) ?? '';
      expect(summaryText).toMatch(language === 'fr' ? /Parrains nécessaires\s7/ : /Sponsors needed\s7/);
      expect(summaryText).toMatch(language === 'fr' ? /1\u202f000\u202f000|1 000 000/ : /1,000,000/);
      await expectPageHealthy(page, `plugins (${language}, ${size})`);
      await screenshot(page, `everyone-petitions-settings-${language}-${size}`);
    },
    JOURNEY_MS,
  );

  it.each(PAIRS)(
    'home lists my collectives and opens one by its slug (%s, %s)',
    async (size, language) => {
      const page = await browser.open(size, { languages: BROWSER_LANGUAGES[language] });
      await signIn(page, sut.baseUrl, c.users.bea.email, '/', language);
      const mine = page.getByRole('region', { name: words(language, 'people.mine') });
      await mine.getByRole('link', { name: 'Collectif de test' }).waitFor();
      await expectPageHealthy(page, `home (${language}, ${size})`);
      await screenshot(page, `everyone-home-mine-${language}-${size}`);

      await page.getByLabel(words(language, 'people.openRef')).fill(slug);
      await page.getByRole('button', { name: words(language, 'home.openButton'), exact: true }).click();
      await page.waitForURL((url) => /^#\/c\/[0-9a-f-]{36}/.test(url.hash));
      await page.getByText('Collectif du quartier').first().waitFor();
      expect(browser.pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
