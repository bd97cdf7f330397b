import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  instructedBallot,
  seatedDeputies,
  type DeputiesWorld,
} from '../integration/compliance/compliance-fixtures';
import {
  ensureWebBuilt,
  expectPageHealthy,
  launchBrowser,
  screenshot,
  type Browser,
  type Size,
} from './support/browser';

type Lang = 'fr' | 'en';

const WORDS = {
  fr: {
    language: 'fr',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    no: 'Non',
    explanation: 'Explication publique (facultative)',
    record: 'Enregistrer mon vote',
    saved: /Vote enregistré\s: Non\./,
    rate: /Respect des consignes\s: 0\s?%/,
    deviated: 'Consigne non suivie',
    instructedCaption: 'Consignes',
    actualCaption: 'Votes au Parlement',
    question: 'Votre question',
    ask: 'Poser la question',
    answered: (name: string, text: string) => `${name} a répondu à votre question « ${text} ».`,
  },
  en: {
    language: 'en',
    email: 'E-mail address',
    password: 'Password',
    signIn: 'Sign in',
    no: 'No',
    explanation: 'Public explanation (optional)',
    record: 'Record my vote',
    saved: /Vote recorded: No\./,
    rate: /Instructions followed: 0\s?%/,
    deviated: 'Not followed',
    instructedCaption: 'Instructions',
    actualCaption: 'Votes in parliament',
    question: 'Your question',
    ask: 'Ask the question',
    answered: (name: string, text: string) => `${name} answered your question “${text}”.`,
  },
} as const;

async function signIn(page: Page, baseUrl: string, email: string, next: string, lang: Lang): Promise<void> {
  const w = WORDS[lang];
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/^(Langue|Language)/).selectOption(lang);
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill('correct horse battery');
  await page.getByRole('button', { name: w.signIn }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next}`));
}

describe('Chromium: a deputy records a vote with an explanation, an observer sees the rate and the hemicycles, a member’s question is answered', () => {
  let sut: TestApp;
  let browser: Browser;
  let world: DeputiesWorld;
  let deputy: string;
  let deputyName: string;

  beforeAll(async () => {
    ensureWebBuilt();
    sut = await startTestApp();
    browser = await launchBrowser();
    world = await seatedDeputies(sut.baseUrl);
    deputy = world.deputies[0];
    deputyName = Object.entries(world.ids).find(([, id]) => id === deputy)![0];
    expect((await world.admin.call('PUT', `/api/collectives/${world.id}/plugins/questions`, {})).status).toBe(
      200,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it.each([
    ['desktop', 'fr', 'Loi sur le climat'],
    ['phone', 'en', 'Rail bill'],
  ] as const)(
    'at %s size, in %s',
    async (size: Size, lang: Lang, title: string) => {
      const w = WORDS[lang];
      const { billId, ballotId } = await instructedBallot(world, ['yes', 'yes', 'yes', 'yes', 'yes'], title);
      const explanation =
        lang === 'fr'
          ? 'Le texte voté a changé après la consigne.'
          : 'The text changed after the instruction.';

      // the deputy records, on their page, a vote against the instruction, with a public explanation
      const own = await browser.open(size, { languages: [lang] });
      await signIn(own, sut.baseUrl, world.users[deputyName].email, `/c/${world.id}/deputy`, lang);
      const form = own.getByRole('form', { name: title });
      await form.getByRole('radio', { name: w.no }).check();
      await form.getByLabel(w.explanation).fill(explanation);
      await form.getByRole('button', { name: w.record }).click();
      await form.getByText(w.saved).waitFor();
      await expectPageHealthy(own);
      await screenshot(own, `compliance-deputy-form-${lang}-${size}`);
      // an organiser checks it against the official roll call
      const confirmed = await world.admin.call(
        'POST',
        `/api/ballots/${ballotId}/actual-votes/${deputy}/confirm`,
        {},
      );
      expect(confirmed.status).toBe(200);

      // an observer opens the deputy's public page, then the bill's side-by-side view
      const observer = await browser.open(size, { languages: [lang] });
      await signIn(observer, sut.baseUrl, world.users.olga.email, `/c/${world.id}/observe`, lang);
      await observer.getByRole('link', { name: deputyName }).first().click();
      await observer.getByText(w.rate).first().waitFor();
      await observer.getByRole('cell', { name: explanation }).waitFor();
      await expectPageHealthy(observer);
      await screenshot(observer, `compliance-deputy-page-${lang}-${size}`);
      await observer.getByRole('link', { name: title }).click();
      await observer.waitForURL((url) => url.hash.endsWith(`/bills/${billId}/compliance`));
      const sideBySide = observer.getByTestId('side-by-side');
      await sideBySide.getByRole('img', { name: new RegExp(`^${w.instructedCaption}`) }).waitFor();
      await sideBySide.getByRole('img', { name: new RegExp(`^${w.actualCaption}`) }).waitFor();
      await observer
        .getByRole('row', { name: new RegExp(deputyName) })
        .getByText(w.deviated)
        .waitFor();
      await expectPageHealthy(observer);
      await screenshot(observer, `compliance-bill-${lang}-${size}`);

      // a member asks a question on the bill; the deputy's answer comes back as a notice
      const member = await browser.open(size, { languages: [lang] });
      await signIn(member, sut.baseUrl, world.users.dan.email, `/c/${world.id}/bills/${billId}`, lang);
      const question = lang === 'fr' ? 'Pourquoi avoir voté contre ?' : 'Why did you vote against?';
      await member.getByLabel(w.question).fill(question);
      await member.getByRole('button', { name: w.ask }).click();
      await member.getByText(question).waitFor();
      const [asked] = (
        await world.users.dan.call<{ id: string; text: string }[]>('GET', `/api/bills/${billId}/questions`)
      ).body;
      await world.users[deputyName].call('POST', `/api/questions/${asked.id}/answers`, { text: explanation });
      await member.goto(`${sut.baseUrl}/#/notifications`);
      await member.getByText(w.answered(deputyName, question)).waitFor({ timeout: 20_000 });
      await expectPageHealthy(member);
      await screenshot(member, `compliance-question-notice-${lang}-${size}`);
      await Promise.all([own, observer, member].map((page) => page.context().close()));
      expect(browser.pageErrors).toEqual([]);
    },
    180_000,
  );
});
