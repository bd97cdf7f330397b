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
    confirm: 'Confirmer ce vote',
    confirmed: (name: string) => `Vote de ${name} confirmé.`,
    importTitle: 'Importer le scrutin officiel',
    importContent: 'Contenu du fichier',
    importSubmit: 'Importer',
    line: (n: number) => `ligne ${n} du fichier`,
    unknownId: (id: string) => `Aucun député de Liquide n’a l’identifiant ${id}`,
    settingsLink: /^Suivi des député·es/,
    idOf: (name: string) => `Identifiant parlementaire de ${name}`,
    saveIds: 'Enregistrer les identifiants',
    idsSaved: /identifiants? enregistrés?\./,
    noticeAfter: 'Après combien de consignes non suivies (Avis à tous les membres)',
    noticeOn: /^Activer\s: Avis à tous les membres/,
    saveConsequences: 'Enregistrer les conséquences',
    atLeastOne: /Doit valoir au moins 1/,
    consequencesSaved: 'Conséquences enregistrées.',
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
    confirm: 'Confirm this vote',
    confirmed: (name: string) => `${name}’s vote confirmed.`,
    importTitle: 'Import the official roll call',
    importContent: 'File content',
    importSubmit: 'Import',
    line: (n: number) => `file line ${n}`,
    unknownId: (id: string) => `No Liquide deputy has the identifier ${id}`,
    settingsLink: /^Deputies’ follow-up/,
    idOf: (name: string) => `Parliamentary identifier of ${name}`,
    saveIds: 'Save the identifiers',
    idsSaved: /identifiers? saved\./,
    noticeAfter: 'After how many instructions not followed (Notice to every member)',
    noticeOn: /^Enable: Notice to every member/,
    saveConsequences: 'Save the consequences',
    atLeastOne: /Must be at least 1/,
    consequencesSaved: 'Consequences saved.',
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
      const { billId } = await instructedBallot(world, ['yes', 'yes', 'yes', 'yes', 'yes'], title);
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
      // an organiser checks it against the official roll call and confirms it with the web button, then tries
      // a roll-call file whose rows name no Liquide deputy: each row is reported, nothing is imported
      const organiser = await browser.open(size, { languages: [lang] });
      const billPath = `/c/${world.id}/bills/${billId}/compliance`;
      await signIn(organiser, sut.baseUrl, world.admin.email, billPath, lang);
      await organiser.getByRole('button', { name: `${w.confirm} (${deputyName})` }).click();
      await organiser.getByRole('dialog').getByRole('button', { name: w.confirm, exact: true }).click();
      await organiser.getByRole('status').getByText(w.confirmed(deputyName)).waitFor();
      await organiser.getByText(w.importTitle).click();
      await organiser
        .getByLabel(w.importContent)
        .fill(['parliament_id,vote', 'PA990001,pour', 'PA990002,contre'].join('\n'));
      await organiser.getByRole('button', { name: w.importSubmit, exact: true }).click();
      const report = organiser.getByTestId('roll-call-errors');
      for (const [row, id] of [
        [1, 'PA990001'],
        [2, 'PA990002'],
      ] as const) {
        const name = new RegExp(`^${row} \\(${w.line(row + 1)}\\) parliament_id .*${w.unknownId(id)}`);
        await report.getByRole('row', { name }).waitFor();
      }
      expect(await report.getByRole('row').count()).toBe(3);
      await expectPageHealthy(organiser);
      await screenshot(organiser, `compliance-roll-call-${lang}-${size}`);
      // the deputies' identifiers and the consequences, with a field error named in the organiser's language
      await organiser.goto(`${sut.baseUrl}/#/c/${world.id}/organise`);
      await organiser.getByRole('link', { name: w.settingsLink }).click();
      await organiser.getByLabel(w.idOf(deputyName)).fill(`PA7${lang === 'fr' ? 1 : 2}0000`);
      await organiser.getByRole('button', { name: w.saveIds }).click();
      await organiser.getByText(w.idsSaved).waitFor();
      expect(await organiser.getByRole('checkbox', { name: w.noticeOn }).isChecked()).toBe(false);
      await organiser.getByLabel(w.noticeAfter).fill('0');
      await organiser.getByRole('button', { name: w.saveConsequences }).click();
      await organiser.getByRole('alert').getByText(w.atLeastOne).waitFor();
      expect(await organiser.getByLabel(w.noticeAfter).getAttribute('aria-invalid')).toBe('true');
      await organiser.getByLabel(w.noticeAfter).fill('2');
      await organiser.getByRole('button', { name: w.saveConsequences }).click();
      await organiser.getByText(w.consequencesSaved).waitFor();
      await expectPageHealthy(organiser);
      await screenshot(organiser, `compliance-settings-${lang}-${size}`);

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
      await Promise.all([own, organiser, observer, member].map((page) => page.context().close()));
      expect(browser.pageErrors).toEqual([]);
    },
    180_000,
  );
});
