import { CommandBus } from '@nestjs/cqrs';
import { MailNoticesCommand } from '@liquide/engine/notices/notices.commands';
import { request } from '../../support/api-client';
import {
  linkIn,
  startSmtpTestServer,
  type ReceivedMail,
  type SmtpTestServer,
} from '../../support/smtp-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';
import { requestId, type Collective, type ErrorBody } from '../domain/domain-fixtures';
import { billAndBallot, smtpCollective, waitForNotices } from './notices-fixtures';

/** The raw value of a header line, as the SMTP server received it. */
function header(mail: ReceivedMail, name: string): string {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Notices by e-mail: at once, daily digest or never, with a signed one-click unsubscribe', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;
  let c: Collective;
  /** Notice messages received by one person (identity's verification messages left out). */
  const mailsTo = (name: string) =>
    smtp.received.filter((mail) => mail.to === c.users[name].email && mail.dedupeKey.startsWith('notice'));
  const noticeMail = (predicate: (mail: ReceivedMail) => boolean) =>
    smtp.waitFor((mail) => mail.dedupeKey.startsWith('notice') && predicate(mail), 30_000);

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    // digests are due from midnight (UTC): the scheduler sends each daily reader's digest at once
    sut = await startTestApp({ SMTP_URL: smtp.url, NOTICE_DIGEST_HOUR: '0' });
    c = await smtpCollective(sut.baseUrl, smtp, ['ana', 'ben', 'cleo', 'dan', 'eve'], { visibility: 'live' });
    const choose = (name: string, frequency: string, locale: string) =>
      c.users[name].call('PUT', '/api/notices/preferences', { frequency, locale });
    expect((await choose('ana', 'immediate', 'en')).status).toBe(200);
    expect((await choose('ben', 'immediate', 'fr')).status).toBe(200);
    expect((await choose('cleo', 'never', 'fr')).status).toBe(200);
    expect((await choose('eve', 'immediate', 'fr')).status).toBe(200);
    // dan never chose: daily digest in French; he holds his notices back until the digest test
    expect((await c.users.dan.call('GET', '/api/notices/preferences')).body).toEqual({
      frequency: 'daily',
      locale: 'fr',
    });
    expect((await choose('dan', 'never', 'fr')).status).toBe(200);
  });

  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('mails a notice at once, in the person’s language, naming the bill, with a working one-click unsubscribe', async () => {
    const { billId } = await billAndBallot(c.admin, c.id, 'Loi sur l’eau potable');
    const mail = await noticeMail((m) => m.to === c.users.ana.email);
    expect(mail.subject).toBe('Liquide · Voting is open on “Loi sur l’eau potable” (Collectif de test).');
    expect(mail.text).toContain(`${sut.config.publicUrl}/#/c/${c.id}/bills/${billId}`);
    expect(mail.html).toContain('Loi sur l’eau potable');
    expect(mail.html).toContain(`href="${sut.config.publicUrl}/#/c/${c.id}/bills/${billId}"`);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const oneClick = new URL(header(mail, 'List-Unsubscribe').replace(/^<|>$/g, ''));
    expect(oneClick.pathname).toBe('/api/notices/unsubscribe');
    // the link people click carries the same signed token
    const page = new URL(linkIn(mail, `${sut.config.publicUrl}/#/unsubscribe?token=`).replace('/#/', '/'));
    expect(page.searchParams.get('token')).toBe(oneClick.searchParams.get('token'));
    // ben chose French
    const fr = await noticeMail((m) => m.to === c.users.ben.email);
    expect(fr.subject).toBe(
      'Liquide · Le vote est ouvert sur « Loi sur l’eau potable » (Collectif de test).',
    );

    // a tampered token is refused, naming the field, in the caller's language
    const token = oneClick.searchParams.get('token')!;
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const refused = await request<ErrorBody>(
      sut.baseUrl,
      'POST',
      `/api/notices/unsubscribe?token=${encodeURIComponent(tampered)}`,
      { headers: { 'accept-language': 'en' } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'notice.unsubscribe_invalid', field: 'token' });
    expect(refused.body.message).toBe('Invalid or altered unsubscribe link');
    expect((await c.users.ana.call('GET', '/api/notices/preferences')).body).toMatchObject({
      frequency: 'immediate',
    });

    // what a mail client does with List-Unsubscribe-Post: a POST without signing in
    const response = await fetch(`${sut.baseUrl}${oneClick.pathname}${oneClick.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(201);
    expect((await c.users.ana.call('GET', '/api/notices/preferences')).body).toEqual({
      frequency: 'never',
      locale: 'en',
    });

    // the next notice stays in ana's inbox only; ben (at once) is mailed in the same round
    const second = await billAndBallot(c.admin, c.id, 'Loi sur les transports');
    await noticeMail((m) => m.to === c.users.ben.email && m.subject.includes('Loi sur les transports'));
    await pause(3000);
    const stored = await waitForNotices(c.users.ana, 'ballot.opened', 2);
    expect(stored.map((notice) => notice.subject.id)).toContain(second.ballotId);
    expect(mailsTo('ana')).toHaveLength(1);
  });

  it('never tells a delegate’s vote on a hidden ballot by e-mail, and tells it when the tally is public', async () => {
    const set = { scope: 'global', trustees: [c.ids.ben] };
    expect((await c.users.eve.call('PUT', `/api/collectives/${c.id}/delegations`, set)).status).toBe(200);
    const secret = await billAndBallot(c.admin, c.id, 'Vote à bulletin secret', {
      visibility: 'after-close',
    });
    const vote = (ballotId: string) =>
      c.users.ben.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId('ben') });
    expect((await vote(secret.ballotId)).status).toBe(200);
    const open = await billAndBallot(c.admin, c.id, 'Vote public', { visibility: 'live' });
    expect((await vote(open.ballotId)).status).toBe(200);
    const told = await noticeMail(
      (m) => m.to === c.users.eve.email && m.subject.includes('Vote public') && m.subject.includes('ben'),
    );
    expect(told.subject).toContain('a voté contre');
    // the hidden ballot's vote came first and would have been mailed by now: ballot secrecy
    // (docs/security.md) tells delegators neither the choice nor that their delegate voted before the close
    const aboutSecret = smtp.received.filter(
      (m) => m.to === c.users.eve.email && m.subject.includes('Vote à bulletin secret'),
    );
    for (const mail of aboutSecret) {
      expect(`${mail.subject} ${mail.text}`).not.toMatch(/\bben\b.*vot|contre|\bno\b/);
    }
  });

  it('gathers the day’s notices into one digest, sent once per person and day', async () => {
    const waiting = await waitForNotices(c.users.dan, 'ballot.opened', 4);
    expect(mailsTo('dan')).toHaveLength(0);
    expect(
      (await c.users.dan.call('PUT', '/api/notices/preferences', { frequency: 'daily', locale: 'fr' }))
        .status,
    ).toBe(200);
    // the scheduler finds the day's digest due and sends it, once
    const digest = await noticeMail((m) => m.to === c.users.dan.email);
    expect(digest.subject).toBe(`Liquide · ${waiting.length} nouveaux avis`);
    for (const title of [
      'Loi sur l’eau potable',
      'Loi sur les transports',
      'Vote à bulletin secret',
      'Vote public',
    ]) {
      expect(digest.text).toContain(title);
      expect(digest.html).toContain(title);
    }
    expect(digest.text).toContain('Voici ce qui vous concerne');
    expect(header(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // a new notice the same day waits for tomorrow's digest: no second message, and a retry is refused
    await billAndBallot(c.admin, c.id, 'Loi du soir');
    await waitForNotices(c.users.dan, 'ballot.opened', 5);
    await pause(5000);
    expect(mailsTo('dan')).toHaveLength(1);
    await expect(
      commands().execute(new MailNoticesCommand(c.users.dan.email, 'digest')),
    ).rejects.toMatchObject({
      code: 'notice.digest_already_sent',
    });
    expect(mailsTo('dan')).toHaveLength(1);
  });

  it('sends nothing to a person who chose never', async () => {
    expect((await waitForNotices(c.users.cleo, 'ballot.opened', 5)).length).toBe(5);
    await expect(
      commands().execute(new MailNoticesCommand(c.users.cleo.email, 'digest')),
    ).rejects.toMatchObject({
      code: 'notice.nothing_to_send',
    });
    expect(mailsTo('cleo')).toHaveLength(0);
  });

  const commands = () => sut.app.get(CommandBus);
});
