import { base64url, decodeJwt, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey } from 'jose';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call, es256KeyFile, newPerson } from './auth-test-kit';

/** Every forged, stale or misaddressed token gets a 401 with a code on a protected route, never a 500. */
describe('Access tokens refused on a protected route', () => {
  let sut: TestApp;
  let privateKey: CryptoKey;
  let kid: string;
  let valid: { accessToken: string; sub: string };

  beforeAll(async () => {
    const key = await es256KeyFile();
    privateKey = key.privateKey;
    kid = key.kid;
    sut = await startTestApp({ JWT_PRIVATE_KEY_FILE: key.path });
    const person = newPerson();
    await call(sut.baseUrl, 'POST', '/api/auth/register', { body: person });
    const registered = await call(sut.baseUrl, 'POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
    valid = { accessToken: registered.body.accessToken, sub: decodeJwt(registered.body.accessToken).sub! };
  });

  afterAll(async () => {
    await sut?.close();
  });

  const me = (token: string | undefined, headers: Record<string, string> = {}) =>
    call(sut.baseUrl, 'GET', '/api/auth/me', { token, headers: { 'accept-language': 'en', ...headers } });

  const now = () => Math.floor(Date.now() / 1000);

  /** A token signed with the server's own key, with claims overridden. */
  const ours = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
    new SignJWT({
      iss: 'liquide',
      aud: 'liquide-api',
      sub: valid.sub,
      email: 'camille@example.org',
      iat: now(),
      exp: now() + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid, ...header })
      .sign(privateKey);

  const expectRefusal = async (token: string | undefined, code: string, reason?: RegExp) => {
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe(code);
    if (reason) {
      expect(answer.body.message).toMatch(reason);
    }
  };

  it('signs with the key file and publishes its public half under the JWK thumbprint', async () => {
    const jwks = await call(sut.baseUrl, 'GET', '/api/auth/jwks');
    expect((jwks.body.keys as { kid: string }[]).map((key) => key.kid)).toEqual([kid]);
    expect((await me(await ours())).status).toBe(200);
    expect((await me(valid.accessToken)).status).toBe(200);
  });

  it('refuses a request with no token, in French by default', async () => {
    const answer = await call(sut.baseUrl, 'GET', '/api/auth/me');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      code: 'auth.token_missing',
      message: expect.stringMatching(/Bearer/),
    });
    expect(answer.body.message).toMatch(/^Authentification requise/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const answer = await call(sut.baseUrl, 'GET', '/api/auth/me', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.token_invalid');
  });

  it('refuses an expired token', async () => {
    await expectRefusal(await ours({ iat: now() - 1000, exp: now() - 60 }), 'auth.token_expired');
  });

  it('refuses a token not valid yet (nbf in the future)', async () => {
    await expectRefusal(await ours({ nbf: now() + 120 }), 'auth.token_invalid', /not yet valid/);
  });

  it('refuses a token from another issuer', async () => {
    await expectRefusal(await ours({ iss: 'https://evil.example' }), 'auth.token_invalid', /wrong issuer/);
  });

  it('refuses a token for another audience', async () => {
    await expectRefusal(await ours({ aud: 'another-api' }), 'auth.token_invalid', /wrong audience/);
  });

  it('refuses alg: none', async () => {
    const [, payload] = (await ours()).split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid }));
    await expectRefusal(`${header}.${payload}.`, 'auth.token_invalid', /algorithm not allowed/);
    await expectRefusal(`${header}.${payload}`, 'auth.token_invalid');
  });

  it('refuses HS256 signed with the public key as the secret (HS/ES confusion)', async () => {
    const jwks = await call(sut.baseUrl, 'GET', '/api/auth/jwks');
    const publicPem = await exportSPKI(
      (await importJWK(jwks.body.keys[0], 'ES256', { extractable: true })) as CryptoKey,
    );
    for (const secret of [publicPem, JSON.stringify(jwks.body.keys[0])]) {
      const forged = await new SignJWT(decodeJwt(await ours()))
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(new TextEncoder().encode(secret));
      await expectRefusal(forged, 'auth.token_invalid', /algorithm not allowed/);
    }
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = valid.accessToken.split('.');
    const claims = { ...decodeJwt(valid.accessToken), sub: '00000000-0000-4000-8000-000000000000' };
    const tampered = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    await expectRefusal(tampered, 'auth.token_invalid', /bad signature/);
  });

  it('refuses a token signed by another key, under an unknown or a borrowed kid', async () => {
    const stranger = await generateKeyPair('ES256');
    const claims = decodeJwt(valid.accessToken);
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-elses-key' })
      .sign(stranger.privateKey);
    await expectRefusal(unknownKid, 'auth.token_invalid', /unknown signing key/);
    const noKid = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(stranger.privateKey);
    await expectRefusal(noKid, 'auth.token_invalid', /unknown signing key/);
    const borrowedKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(stranger.privateKey);
    await expectRefusal(borrowedKid, 'auth.token_invalid', /bad signature/);
  });

  it('refuses tokens missing a required claim or whose account is gone', async () => {
    await expectRefusal(await ours({ exp: undefined }), 'auth.token_invalid', /required claim/);
    await expectRefusal(await ours({ sub: undefined }), 'auth.token_invalid', /required claim/);
    await expectRefusal(
      await ours({ sub: '00000000-0000-4000-8000-000000000000' }),
      'auth.token_invalid',
      /no longer exists/,
    );
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['two parts', 'abc.def'],
    ['bad base64', '%%%.%%%.%%%'],
    ['JSON that is not an object', `${base64url.encode('[]')}.${base64url.encode('[]')}.x`],
    ['a long token', 'a'.repeat(8_000)],
  ])('answers 401, never 500, to %s', async (_what, token) => {
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.token_invalid');
  });
});
