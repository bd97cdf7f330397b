import { freshEmail, request, type ApiUser } from '../../support/api-client';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  importCsv,
  memberIdOf,
  requestId,
  uniqueSlug,
  type ErrorBody,
} from '../domain/domain-fixtures';
import { PUBLIC_URL, registerAndSignIn, sql, tokenFrom, verifyBySmtp } from './identity-kit';

describe('Verified e-mail before any membership binds (real SMTP server)', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;
  let organiser: ApiUser;
  let collectiveId: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    sut = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
    organiser = await registerAndSignIn(sut.baseUrl, 'organiser');
    await verifyBySmtp(sut.baseUrl, smtp, organiser.email);
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Collectif',
      slug: uniqueSlug('idv'),
    });
    expect(created.status).toBe(201);
    collectiveId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  const importMember = async (email: string) => {
    const { progress } = await importCsv(
      organiser,
      collectiveId,
      `email,display_name,roles\n${email},Membre,member`,
    );
    expect(progress.status).toBe('done');
  };
  const boundAccount = async (email: string) =>
    (
      await sql<{ account_id: string | null }>(
        sut.db.url,
        'select account_id from member where collective_id = $1 and email = $2',
        [collectiveId, email],
      )
    )[0]?.account_id;

  it('register → verify by the mailed link → membership bound → vote', async () => {
    const email = freshEmail('newcomer');
    await importMember(email);
    const { ballotId } = await createBallot(organiser, collectiveId);
    const newcomer = await registerAndSignIn(sut.baseUrl, 'newcomer', email);

    // signed in, but nothing bound yet: a clear refusal saying why, in French and in English
    const collective = await newcomer.call<{ me: unknown }>('GET', `/api/collectives/${collectiveId}`);
    expect(collective.body.me ?? null).toBeNull();
    const refusedFr = await newcomer.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(refusedFr.status).toBe(403);
    expect(refusedFr.body.code).toBe('auth.email_unverified');
    expect(refusedFr.body.message).toMatch(/adresse e-mail n’est pas encore vérifiée/);
    const refusedEn = await newcomer.call<ErrorBody>(
      'GET',
      `/api/collectives/${collectiveId}/members`,
      undefined,
      { 'accept-language': 'en' },
    );
    expect(refusedEn.status).toBe(403);
    expect(refusedEn.body).toMatchObject({
      code: 'auth.email_unverified',
      message: expect.stringMatching(/not verified yet/),
    });
    expect((await newcomer.call<{ emailVerified: boolean }>('GET', '/api/auth/me')).body.emailVerified).toBe(
      false,
    );

    // the mail: French by default, both bodies, a link to the web client
    const mail = await smtp.waitFor((m) => m.to === email && m.text.includes('/#/verify-email/'));
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail.html).toContain(`${PUBLIC_URL}/#/verify-email/`);
    const verified = await request<{ email: string; membershipsBound: number }>(
      sut.baseUrl,
      'POST',
      '/api/auth/verify-email',
      { body: { token: tokenFrom(mail, 'verify-email') } },
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email, membershipsBound: 1 });
    expect(await boundAccount(email)).toBe(newcomer.accountId);

    // the same access token now carries the membership
    const vote = await newcomer.call<{ choice: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
    expect(vote.body.choice).toBe('yes');
    expect((await newcomer.call<{ emailVerified: boolean }>('GET', '/api/auth/me')).body.emailVerified).toBe(
      true,
    );
  });

  it('binds a member imported after the address was verified at once', async () => {
    const early = await registerAndSignIn(sut.baseUrl, 'early');
    await verifyBySmtp(sut.baseUrl, smtp, early.email);
    await importMember(early.email);
    expect(await boundAccount(early.email)).toBe(early.accountId);
  });

  it('takeover: registering with an imported member’s address binds nothing and cannot vote; the owner recovers it by e-mail', async () => {
    const victim = freshEmail('victim');
    await importMember(victim);
    const { ballotId } = await createBallot(organiser, collectiveId);
    const intruder = await registerAndSignIn(sut.baseUrl, 'intruder', victim);
    const intruderRefresh = (
      await request<{ refreshToken: string }>(sut.baseUrl, 'POST', '/api/auth/login', {
        body: { email: victim, password: 'correct horse battery' },
      })
    ).body.refreshToken;

    const vote = await intruder.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: requestId(),
    });
    expect(vote.status).toBe(403);
    expect(vote.body.code).toBe('auth.email_unverified');
    const delegate = await intruder.call<ErrorBody>('PUT', `/api/collectives/${collectiveId}/delegations`, {
      scope: 'global',
      trustees: [await memberIdOf(organiser, collectiveId)],
    });
    expect(delegate.status).toBe(403);
    expect(delegate.body.code).toBe('auth.email_unverified');
    expect(await boundAccount(victim)).toBeNull();
    const votes = await sql<{ n: string }>(
      sut.db.url,
      'select count(*) as n from vote where ballot_id = $1',
      [ballotId],
    );
    expect(votes[0]?.n).toBe('0');

    // the link went to the real owner, who is told how to take the address back: a password reset
    const reset = await request(sut.baseUrl, 'POST', '/api/auth/password-reset/request', {
      body: { email: victim },
    });
    expect(reset.status).toBe(202);
    const resetMail = await smtp.waitFor((m) => m.to === victim && m.text.includes('/#/reset-password/'));
    const done = await request<{ membershipsBound: number }>(
      sut.baseUrl,
      'POST',
      '/api/auth/password-reset',
      {
        body: { token: tokenFrom(resetMail, 'reset-password'), password: 'the owner’s own password' },
      },
    );
    expect(done.status).toBe(200);
    expect(done.body.membershipsBound).toBe(1);
    // the intruder's session is over
    const refreshed = await request<ErrorBody>(sut.baseUrl, 'POST', '/api/auth/refresh', {
      body: { refreshToken: intruderRefresh },
    });
    expect(refreshed.status).toBe(401);
    const login = await request(sut.baseUrl, 'POST', '/api/auth/login', {
      body: { email: victim, password: 'correct horse battery' },
    });
    expect(login.status).toBe(401);
  });

  it('answers a registration of a taken address exactly like a new one and tells the owner by e-mail', async () => {
    const owner = await registerAndSignIn(sut.baseUrl, 'owner');
    const fresh = await request(sut.baseUrl, 'POST', '/api/auth/register', {
      body: { email: freshEmail('someone'), password: 'another password!', displayName: 'X' },
    });
    const taken = await request(sut.baseUrl, 'POST', '/api/auth/register', {
      body: { email: owner.email.toUpperCase(), password: 'another password!', displayName: 'X' },
    });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    const notice = await smtp.waitFor(
      (m) => m.to === owner.email && m.subject.includes('Quelqu’un a essayé'),
    );
    expect(notice.text).not.toMatch(/verify-email|reset-password\//);
  });

  it('refuses a reused, tampered, replaced or expired verification link, binding nothing', async () => {
    const email = freshEmail('links');
    await importMember(email);
    const person = await registerAndSignIn(sut.baseUrl, 'links', email);
    const first = await smtp.waitFor((m) => m.to === email && m.text.includes('/#/verify-email/'));
    const firstToken = tokenFrom(first, 'verify-email');
    const follow = (token: string, language = 'fr') =>
      request<ErrorBody>(sut.baseUrl, 'POST', '/api/auth/verify-email', {
        body: { token },
        headers: { 'accept-language': language },
      });

    // tampered: one character changed
    const tampered = firstToken.slice(0, -1) + (firstToken.endsWith('A') ? 'B' : 'A');
    const refusedTampered = await follow(tampered, 'en');
    expect(refusedTampered.status).toBe(400);
    expect(refusedTampered.body).toMatchObject({ code: 'identity.link_invalid', field: 'token' });

    // replaced: a resend makes the first link stop working
    expect((await person.call('POST', '/api/auth/verify-email/resend')).status).toBe(202);
    await smtp.waitFor(
      (m) => m.to === email && m.text.includes('/#/verify-email/') && m.messageId !== first.messageId,
    );
    const replaced = await follow(firstToken);
    expect(replaced.status).toBe(410);
    expect(replaced.body.code).toBe('identity.link_expired');
    expect(await boundAccount(email)).toBeNull();

    // expired: the newest link, once past its time
    const second = smtp.received.filter((m) => m.to === email).at(-1)!;
    await sql(
      sut.db.url,
      "update account_token set expires_at = now() - interval '1 second' where account_id = $1",
      [person.accountId],
    );
    const expired = await follow(tokenFrom(second, 'verify-email'));
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('identity.link_expired');
    expect(await boundAccount(email)).toBeNull();

    // a fresh link works once; the same link again is refused
    expect((await person.call('POST', '/api/auth/verify-email/resend')).status).toBe(202);
    await smtp.waitFor(() => smtp.received.filter((m) => m.to === email).length >= 3);
    const third = smtp.received.filter((m) => m.to === email).at(-1)!;
    expect((await follow(tokenFrom(third, 'verify-email'))).status).toBe(200);
    const reused = await follow(tokenFrom(third, 'verify-email'), 'en');
    expect(reused.status).toBe(410);
    expect(reused.body).toMatchObject({
      code: 'identity.link_used',
      message: expect.stringMatching(/already used/),
    });
    expect(await boundAccount(email)).toBe(person.accountId);
  });
});
