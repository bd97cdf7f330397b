import type { Page } from 'playwright-core';
import { linkIn, startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { PUBLIC_URL } from '../integration/identity/identity-kit';
import { startTestApp, type TestApp } from '../support/test-app';
import { createBallot, createCollective, type Collective } from '../integration/domain/domain-fixtures';
import { registerViaSmtp } from '../integration/people/people-fixtures';
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  expectPageHealthy,
  type Browser,
} from './support/browser';

/** The words each language shows along the way (the page's own texts, as a newcomer reads them). */
const WORDS = {
  fr: {
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    addEmail: 'Adresse e-mail',
    addName: 'Nom affiché',
    add: 'Ajouter',
    added: (name: string) => `${name} a été ajouté·e et invité·e.`,
    subject: 'Invitation à rejoindre « Collectif de test » sur Liquide',
    newPassword: 'Choisissez un mot de passe (10 caractères au moins)',
    create: 'Créer mon compte et rejoindre',
    welcome: 'Bienvenue ! Vous avez rejoint « Collectif de test ».',
    go: 'Voir les scrutins ouverts',
    yes: 'Oui',
    vote: 'Voter',
    recorded: 'Vote enregistré : Oui.',
    mine: 'Mes collectifs',
    openRef: 'Identifiant ou nom court du collectif',
    open: 'Ouvrir',
  },
  en: {
    email: 'E-mail address',
    password: 'Password',
    signIn: 'Sign in',
    addEmail: 'E-mail address',
    addName: 'Display name',
    add: 'Add',
    added: (name: string) => `${name} was added and invited.`,
    subject: 'You are invited to join "Collectif de test" on Liquide',
    newPassword: 'Choose a password (at least 10 characters)',
    create: 'Create my account and join',
    welcome: 'Welcome! You joined “Collectif de test”.',
    go: 'See the open ballots',
    yes: 'Yes',
    vote: 'Vote',
    recorded: 'Vote recorded: Yes.',
    mine: 'My collectives',
    openRef: 'Collective id or slug',
    open: 'Open',
  },
} as const;

type Language = keyof typeof WORDS;

async function expectAccessible(page: Page): Promise<void> {
  await expectPageHealthy(page);
}

/** Opens a page in `language` (the client's stored choice, set before its first script runs). */
async function openIn(browser: Browser, language: Language, size: 'desktop' | 'phone'): Promise<Page> {
  const page = await browser.open(size);
  await page.context().addInitScript((locale) => localStorage.setItem('liquide.locale', locale), language);
  return page;
}

describe('A newcomer joins through an invitation e-mail and votes (Chromium)', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;
  let browser: Browser;
  let c: Collective;
  let slug: string;

  beforeAll(async () => {
    ensureWebBuilt();
    smtp = await startSmtpTestServer();
    sut = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
    browser = await launchBrowser();
    c = await createCollective(
      sut.baseUrl,
      [],
      { public: false, visibility: 'live' },
      undefined,
      registerViaSmtp(smtp),
    );
    await createBallot(c.admin, c.id, { visibility: 'live' });
    slug = (await c.admin.call<{ slug: string }>('GET', `/api/collectives/${c.id}`)).body.slug;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await smtp?.close();
  });

  const runs: [Language, 'desktop' | 'phone', string][] = [
    ['fr', 'desktop', 'Nina'],
    ['fr', 'phone', 'Noé'],
    ['en', 'desktop', 'Olivia'],
    ['en', 'phone', 'Owen'],
  ];

  it.each(runs)(
    'in %s on a %s: organiser invites, the e-mail arrives, the newcomer creates the account, joins and votes',
    async (language, size, name) => {
      const words = WORDS[language];
      const ascii = name
        .normalize('NFD')
        .replace(/[^a-zA-Z]/g, '')
        .toLowerCase();
      const email = `${ascii}.${process.pid}.${Date.now().toString(36)}@example.org`;

      // the organiser adds the newcomer on the members page, with an invitation
      const organiser = await openIn(browser, language, size);
      await organiser.goto(
        `${sut.baseUrl}/#/login?next=${encodeURIComponent(`/c/${c.id}/organise/members`)}`,
      );
      await organiser.getByLabel(words.email).fill(c.admin.email);
      await organiser.getByLabel(words.password, { exact: true }).fill('correct horse battery');
      await organiser.getByRole('button', { name: words.signIn }).click();
      await organiser.getByLabel(words.addName).waitFor();
      await organiser.getByLabel(words.addEmail, { exact: true }).fill(email);
      await organiser.getByLabel(words.addName).fill(name);
      await organiser.getByRole('button', { name: words.add, exact: true }).click();
      await organiser.getByText(words.added(name)).waitFor();
      await organiser.getByRole('row', { name: new RegExp(name) }).waitFor();
      await expectAccessible(organiser);
      await screenshot(organiser, `newcomer-${language}-${size}-1-organiser-members`);

      // the e-mail, read from the SMTP server, in the organiser's language, with the link
      const mail = await smtp.waitFor((m) => m.to === email, 30_000);
      expect(mail.subject).toBe(words.subject);
      const link = linkIn(mail, `${PUBLIC_URL}/#/invitation/`).slice(PUBLIC_URL.length + 1);
      expect(mail.html).toContain(`${PUBLIC_URL}/${link}`);

      // the newcomer follows it, creates the account and joins
      const newcomer = await openIn(browser, language, size);
      await newcomer.goto(`${sut.baseUrl}/${link}`);
      await newcomer.getByLabel(words.newPassword).waitFor();
      await expectAccessible(newcomer);
      await screenshot(newcomer, `newcomer-${language}-${size}-2-invitation`);
      await newcomer.getByLabel(words.newPassword).fill('correct horse battery');
      await newcomer.getByRole('button', { name: words.create }).click();
      await newcomer.getByText(words.welcome).waitFor();
      await screenshot(newcomer, `newcomer-${language}-${size}-3-joined`);

      // finds the open ballot and votes
      await newcomer.getByRole('link', { name: words.go }).click();
      await newcomer.getByRole('link', { name: 'Projet' }).click();
      await newcomer.getByLabel(words.yes, { exact: true }).check();
      await newcomer.getByRole('button', { name: words.vote, exact: true }).click();
      await newcomer.getByText(words.recorded).waitFor();
      await expectAccessible(newcomer);
      await screenshot(newcomer, `newcomer-${language}-${size}-4-voted`);

      // and finds the collective again among "my collectives"
      await newcomer.goto(`${sut.baseUrl}/#/`);
      await newcomer.getByRole('heading', { name: words.mine }).waitFor();
      await newcomer.getByRole('link', { name: 'Collectif de test' }).first().waitFor();
      await expectAccessible(newcomer);
      await screenshot(newcomer, `newcomer-${language}-${size}-5-home`);

      // and opens it by its slug, the address people remember
      await newcomer.getByLabel(words.openRef).fill(slug);
      await newcomer.getByRole('button', { name: words.open, exact: true }).click();
      await newcomer.waitForURL((url) => url.hash === `#/c/${c.id}`);
      await newcomer.getByRole('link', { name: 'Projet' }).waitFor();

      // the following link is spent
      const replay = await fetch(`${sut.baseUrl}/api/invitations/${link.split('/').pop()}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'X', password: 'correct horse battery' }),
      });
      expect(replay.status).toBe(410);
      expect(browser.pageErrors).toEqual([]);
    },
    300_000,
  );
});
