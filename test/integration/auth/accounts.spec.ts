import { startTestApp, type TestApp } from '../../support/test-app';
import { call, newPerson } from './auth-test-kit';

describe('Accounts over HTTP: register, log in, refresh, log out', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    call(sut.baseUrl, 'POST', `/api/auth/${path}`, { body, headers });
  const me = (token: string) => call(sut.baseUrl, 'GET', '/api/auth/me', { token });
  /** Registers, then signs in: registration answers only "link sent", never tokens. */
  const registerAndLogin = async (person: ReturnType<typeof newPerson>) => {
    expect((await post('register', person)).status).toBe(202);
    const login = await post('login', { email: person.email, password: person.password });
    return login.body as { accessToken: string; refreshToken: string };
  };

  it('registers, logs in with any letter case, and shows the account to its owner', async () => {
    const person = newPerson();
    const registered = await post('register', person);
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ status: 'link_sent' });
    expect(registered.headers.get('cache-control')).toBe('no-store');

    const login = await post('login', { email: person.email.toUpperCase(), password: person.password });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });

    const shown = await me(login.body.accessToken);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      id: expect.any(String),
      email: person.email,
      displayName: person.displayName,
      emailVerified: false,
      signsInWith: { password: true, oidc: false },
      createdAt: expect.any(String),
    });
  });

  it('refuses a wrong password with 401, in French by default and in English on request', async () => {
    const person = newPerson();
    await post('register', person);

    const fr = await post('login', { email: person.email, password: 'pas le bon mot de passe' });
    expect(fr.status).toBe(401);
    expect(fr.body).toEqual({
      statusCode: 401,
      code: 'auth.invalid_credentials',
      message: 'Adresse e-mail ou mot de passe incorrect',
    });

    const en = await post(
      'login',
      { email: person.email, password: 'not the right password' },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(401);
    expect(en.body).toMatchObject({ code: 'auth.invalid_credentials', message: 'Wrong email or password' });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const answer = await post('login', { email: 'nobody@example.org', password: 'whatever-it-is' });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.invalid_credentials');
  });

  it('answers a second registration of an address, whatever its case, exactly like the first, and keeps the first password', async () => {
    const person = newPerson();
    const first = await post('register', person);
    const again = await post('register', {
      ...person,
      email: person.email.toUpperCase(),
      password: 'the intruder password',
    });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect((await post('login', { email: person.email, password: 'the intruder password' })).status).toBe(
      401,
    );
    expect((await post('login', { email: person.email, password: person.password })).status).toBe(200);
  });

  it('refuses a bad body with 400 naming each field and the rule it breaks', async () => {
    const answer = await post(
      'register',
      { email: 'not-an-email', password: 'short', displayName: '' },
      { 'accept-language': 'en' },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('common.validation_failed');
    const byField = Object.fromEntries(
      (answer.body.errors as { field: string; rule: string; message: string }[]).map((e) => [e.field, e]),
    );
    expect(byField.email).toMatchObject({ rule: 'invalid_format' });
    expect(byField.password).toMatchObject({ rule: 'too_small' });
    expect(byField.password.message).toMatch(/10/);
    expect(byField.displayName).toMatchObject({ rule: 'too_small' });

    const missing = await post('login', { email: 'a@b.c' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'password', rule: 'invalid_type' }),
    ]);
  });

  it('rotates refresh tokens and, when a used one comes back, ends the whole session', async () => {
    const first = await registerAndLogin(newPerson());
    const second = await post('refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);

    const stolen = await post('refresh', { refreshToken: first.refreshToken });
    expect(stolen.status).toBe(401);
    expect(stolen.body.code).toBe('auth.refresh_reused');

    const legitimate = await post('refresh', { refreshToken: second.body.refreshToken });
    expect(legitimate.status).toBe(401);
    expect(legitimate.body.code).toBe('auth.refresh_invalid');
  });

  it('refuses an unknown refresh token', async () => {
    const answer = await post('refresh', { refreshToken: 'made-up-token' });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.refresh_invalid');
  });

  it('logs out: 204, and the refresh token no longer works', async () => {
    const tokens = await registerAndLogin(newPerson());
    const out = await post('logout', { refreshToken: tokens.refreshToken });
    expect(out.status).toBe(204);

    const after = await post('refresh', { refreshToken: tokens.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.refresh_invalid');
    expect((await post('logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
  });

  it('keeps health, the API docs and the public key set reachable without a token', async () => {
    expect((await fetch(`${sut.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${sut.baseUrl}/api/docs-json`)).status).toBe(200);
    const jwks = await call(sut.baseUrl, 'GET', '/api/auth/jwks');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256' })]);
  });
});
