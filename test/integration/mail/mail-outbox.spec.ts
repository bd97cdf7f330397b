import { Client } from 'pg';
import { MailOutbox, type OutgoingMail } from '@liquide/engine';
import { request } from '../../support/api-client';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';

function mail(key: string, overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: 'ada@example.org',
    locale: 'fr',
    subject: `Sujet ${key}`,
    text: `Bonjour, voici ${key}. https://vote.example.org/x?t=${key}`,
    html: `<p>Bonjour, voici ${key}.</p>`,
    dedupeKey: key,
    ...overrides,
  };
}

describe('MailOutbox over SMTP', () => {
  let smtp: SmtpTestServer;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    app = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://vote.example.org',
      MAIL_FROM: 'Liquide <no-reply@vote.example.org>',
    });
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('delivers an enqueued message with both bodies, its headers and a Message-ID derived from its key', async () => {
    const outbox = app.app.get(MailOutbox);
    await outbox.enqueue(
      mail('test:one', { headers: { 'List-Unsubscribe': '<https://vote.example.org/u>' } }),
    );
    const received = await smtp.waitFor((m) => m.dedupeKey === 'test:one');
    expect(received.to).toBe('ada@example.org');
    expect(received.subject).toBe('Sujet test:one');
    expect(received.text).toContain('voici test:one');
    expect(received.html).toContain('<p>Bonjour, voici test:one.</p>');
    const unsubscribe = received.parsed.headerLines.find((line) => line.key === 'list-unsubscribe');
    expect(unsubscribe?.line).toContain('<https://vote.example.org/u>');
    expect(received.parsed.from?.text).toContain('no-reply@vote.example.org');
    expect(received.messageId).toMatch(/^<[0-9a-f]{40}@vote\.example\.org>$/);
  });

  it('sends one message per dedupe key, however often it is enqueued', async () => {
    const outbox = app.app.get(MailOutbox);
    await Promise.all([1, 2, 3].map(() => outbox.enqueue(mail('test:dup'))));
    await outbox.enqueue(mail('test:after-dup'));
    await smtp.waitFor((m) => m.dedupeKey === 'test:after-dup');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.filter((m) => m.dedupeKey === 'test:dup')).toHaveLength(1);
  });

  it('retries a message the server refused for now, and delivers it later', async () => {
    smtp.refuseNext(1, 451, 'Greylisted, try again');
    const outbox = app.app.get(MailOutbox);
    await outbox.enqueue(mail('test:retry'));
    const received = await smtp.waitFor((m) => m.dedupeKey === 'test:retry', 30_000);
    expect(received.subject).toBe('Sujet test:retry');
    const db = new Client({ connectionString: app.db.url });
    await db.connect();
    try {
      const { rows } = await db.query('select status, attempts from mail_outbox where dedupe_key = $1', [
        'test:retry',
      ]);
      expect(rows).toEqual([{ status: 'sent', attempts: 2 }]);
    } finally {
      await db.end();
    }
  }, 45_000);

  it('refuses a message that breaks the contract instead of storing it', async () => {
    const outbox = app.app.get(MailOutbox);
    await expect(outbox.enqueue(mail('test:bad', { to: 'Not An Address' }))).rejects.toThrow(/to/);
    await expect(outbox.enqueue(mail('test:bad', { subject: 'two\nlines' }))).rejects.toThrow(/subject/);
  });

  it('hides the development outbox page when SMTP is configured', async () => {
    const response = await request(app.baseUrl, 'GET', '/api/dev/mail/messages');
    expect(response.status).toBe(404);
  });
});

describe('MailOutbox without SMTP_URL (development)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_URL: 'http://localhost:41000' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps the message in the local outbox, listed on the development page for its recipient', async () => {
    await app.app.get(MailOutbox).enqueue(mail('test:local', { to: 'grace@example.org' }));
    await app.app.get(MailOutbox).enqueue(mail('test:other', { to: 'alan@example.org' }));
    let listed: { to: string; subject: string; text: string; status: string }[] = [];
    for (let tries = 0; tries < 100; tries += 1) {
      const response = await request<typeof listed>(
        app.baseUrl,
        'GET',
        '/api/dev/mail/messages?to=grace@example.org',
      );
      listed = response.body;
      if (listed[0]?.status === 'sent') {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listed).toEqual([
      expect.objectContaining({ to: 'grace@example.org', subject: 'Sujet test:local', status: 'sent' }),
    ]);
    expect(listed[0]?.text).toContain('https://vote.example.org/x?t=test:local');
    const page = await request<string>(app.baseUrl, 'GET', '/api/dev/mail');
    expect(page.body).toContain('Sujet test:other');
  });
});
