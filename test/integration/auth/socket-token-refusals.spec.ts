import { base64url, decodeJwt, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey } from 'jose';
import { io } from 'socket.io-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call, es256KeyFile, newPerson } from './auth-test-kit';

interface Refusal {
  readonly message: string;
  readonly code: string | undefined;
  readonly status: number | undefined;
}

/** Connects with `auth.token`; resolves to 'connected' or the connect_error's message and data. */
function connectWith(baseUrl: string, token: string, language = 'en'): Promise<'connected' | Refusal> {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    extraHeaders: { 'accept-language': language },
    reconnection: false,
    forceNew: true,
  });
  return new Promise<'connected' | Refusal>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error: Error & { data?: { code?: string; status?: number } }) =>
      resolve({ message: error.message, code: error.data?.code, status: error.data?.status }),
    );
  }).finally(() => socket.disconnect());
}

/** The same forged tokens as the API-side suite, offered to socket.io on connect. */
describe('Access tokens refused on socket connect', () => {
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

  const now = () => Math.floor(Date.now() / 1000);

  const ours = (claims: Record<string, unknown> = {}) =>
    new SignJWT({
      iss: 'liquide',
      aud: 'liquide-api',
      sub: valid.sub,
      email: 'camille@example.org',
      iat: now(),
      exp: now() + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(privateKey);

  const expectRefusal = async (token: string, code: string, reason?: RegExp) => {
    const answer = await connectWith(sut.baseUrl, token);
    expect(answer).toMatchObject({ code, status: 401 });
    if (reason) {
      expect((answer as Refusal).message).toMatch(reason);
    }
  };

  it('connects with a valid token, ours or the one the API issued', async () => {
    expect(await connectWith(sut.baseUrl, valid.accessToken)).toBe('connected');
    expect(await connectWith(sut.baseUrl, await ours())).toBe('connected');
  });

  it('refuses an expired token, in English or French', async () => {
    const expired = await ours({ iat: now() - 1000, exp: now() - 60 });
    await expectRefusal(expired, 'auth.token_expired', /expired/);
    const fr = await connectWith(sut.baseUrl, expired, 'fr');
    expect(fr).toMatchObject({ code: 'auth.token_expired', message: expect.stringMatching(/a expiré/) });
  });

  it('refuses a token not valid yet', async () => {
    await expectRefusal(await ours({ nbf: now() + 120 }), 'auth.token_invalid', /not yet valid/);
  });

  it('refuses another issuer and another audience', async () => {
    await expectRefusal(await ours({ iss: 'https://evil.example' }), 'auth.token_invalid', /wrong issuer/);
    await expectRefusal(await ours({ aud: 'another-api' }), 'auth.token_invalid', /wrong audience/);
  });

  it('refuses alg: none, signed or not', async () => {
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

  it('refuses an RS256 token (RSA key of its own, our kid)', async () => {
    const rsa = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(await ours()))
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(rsa.privateKey);
    await expectRefusal(forged, 'auth.token_invalid', /algorithm not allowed/);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = valid.accessToken.split('.');
    const claims = { ...decodeJwt(valid.accessToken), sub: '00000000-0000-4000-8000-000000000000' };
    const tampered = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    await expectRefusal(tampered, 'auth.token_invalid', /bad signature/);
  });

  it('refuses an unknown kid and a borrowed one', async () => {
    const stranger = await generateKeyPair('ES256');
    const claims = decodeJwt(valid.accessToken);
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-elses-key' })
      .sign(stranger.privateKey);
    await expectRefusal(unknownKid, 'auth.token_invalid', /unknown signing key/);
    const borrowedKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(stranger.privateKey);
    await expectRefusal(borrowedKid, 'auth.token_invalid', /bad signature/);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['two parts', 'abc.def'],
    ['a long token', 'a'.repeat(8_000)],
  ])('refuses %s with a code, never an internal error', async (_what, token) => {
    await expectRefusal(token, 'auth.token_invalid');
  });
});
