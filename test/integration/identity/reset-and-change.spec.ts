import { freshEmail, request, TEST_PASSWORD } from '../../support/api-client';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { ErrorBody } from '../domain/domain-fixtures';
import { PUBLIC_URL, registerAndSignIn, tokenFrom, verifyBySmtp } from './identity-kit';

describe('Password reset and change of address by e-mail (real SMTP server)', () => {
  let smtp: SmtpTestServer;
  let sut: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    sut = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
  });

  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  const post = <T>(path: string, body: unknown, token?: string) =>
    request<T>(sut.baseUrl, 'POST', path, { body, token, headers: { 'accept-language': 'en' } });

  it('resets a password once by the mailed link and ends every session; unknown addresses get the same answer', async () => {
    const user = await registerAndSignIn(sut.baseUrl, 'forgetful');
    const session = await post<{ refreshToken: string }>('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    const unknown = await post('/api/auth/password-reset/request', { email: freshEmail('nobody') });
    const known = await post('/api/auth/password-reset/request', { email: user.email });
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);

    const mail = await smtp.waitFor((m) => m.to === user.email && m.text.includes('/#/reset-password/'));
    expect(mail.subject).toBe('Choose a new password');
    const token = tokenFrom(mail, 'reset-password');
    expect((await post('/api/auth/password-reset', { token, password: 'a brand new password' })).status).toBe(
      200,
    );
    const again = await post<ErrorBody>('/api/auth/password-reset', {
      token,
      password: 'yet another password',
    });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('identity.link_used');

    const refreshed = await post<ErrorBody>('/api/auth/refresh', { refreshToken: session.body.refreshToken });
    expect(refreshed.status).toBe(401);
    expect((await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    expect(
      (await post('/api/auth/login', { email: user.email, password: 'a brand new password' })).status,
    ).toBe(200);
    // the link proved the address
    const me = await request<{ emailVerified: boolean }>(sut.baseUrl, 'GET', '/api/auth/me', {
      token: user.token,
    });
    expect(me.body.emailVerified).toBe(true);
  });

  it('changes the address only once the new one is verified; the old one stays until then', async () => {
    const user = await registerAndSignIn(sut.baseUrl, 'mover');
    await verifyBySmtp(sut.baseUrl, smtp, user.email);
    const newEmail = freshEmail('moved');
    const wrong = await post<ErrorBody>(
      '/api/auth/email',
      { newEmail, password: 'not my password' },
      user.token,
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'identity.wrong_password', field: 'password' });

    expect((await post('/api/auth/email', { newEmail, password: TEST_PASSWORD }, user.token)).status).toBe(
      202,
    );
    const before = await request<{ email: string }>(sut.baseUrl, 'GET', '/api/auth/me', {
      token: user.token,
    });
    expect(before.body.email).toBe(user.email);

    const mail = await smtp.waitFor((m) => m.to === newEmail && m.text.includes('/#/verify-email/'));
    const followed = await post<{ email: string }>('/api/auth/verify-email', {
      token: tokenFrom(mail, 'verify-email'),
    });
    expect(followed.status).toBe(200);
    expect(followed.body.email).toBe(newEmail);
    const after = await request<{ email: string; emailVerified: boolean }>(
      sut.baseUrl,
      'GET',
      '/api/auth/me',
      {
        token: user.token,
      },
    );
    expect(after.body).toMatchObject({ email: newEmail, emailVerified: true });
    expect((await post('/api/auth/login', { email: newEmail, password: TEST_PASSWORD })).status).toBe(200);
    expect((await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
  });
});
