import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call, newPerson } from './auth-test-kit';

const ISSUER = 'https://id.example.test/realms/liquide';
const AUDIENCE = 'liquide-web';

/** A tiny identity provider: its JWKS on 127.0.0.1 and the means to sign its tokens. */
async function startProvider(): Promise<{
  jwksUrl: string;
  sign: Signer;
  server: Server;
  requests: () => number;
}> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    if (request.url === '/jwks') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sign: Signer = (claims, options = {}) =>
    new SignJWT({ iss: ISSUER, aud: AUDIENCE, email_verified: true, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(options.key ?? privateKey);
  return { jwksUrl: `http://127.0.0.1:${port}/jwks`, sign, server, requests: () => requests };
}

type Signer = (claims: Record<string, unknown>, options?: { key?: CryptoKey }) => Promise<string>;

describe('Tokens of an OpenID Connect provider, verified through its JWKS', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let sut: TestApp;

  beforeAll(async () => {
    provider = await startProvider();
    sut = await startTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: provider.jwksUrl,
    });
  });

  afterAll(async () => {
    await sut?.close();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  const me = (token: string) =>
    call(sut.baseUrl, 'GET', '/api/auth/me', { token, headers: { 'accept-language': 'en' } });
  /** Registers a local account and signs in (registration itself answers only "link sent"). */
  const registerLocal = async (person: ReturnType<typeof newPerson>) => {
    await call(sut.baseUrl, 'POST', '/api/auth/register', { body: person });
    return call(sut.baseUrl, 'POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
  };

  it('accepts a token of the provider and creates the account once, keyed by issuer and subject', async () => {
    const token = await provider.sign({ sub: 'user-42', email: 'Dominique@Example.org', name: 'Dominique' });
    const first = await me(token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      email: 'dominique@example.org',
      displayName: 'Dominique',
      signsInWith: { password: false, oidc: true },
    });
    expect(provider.requests()).toBeGreaterThan(0);

    const later = await me(await provider.sign({ sub: 'user-42', email: 'dominique@example.org' }));
    expect(later.body.id).toBe(first.body.id);
  });

  it('creates one account when the first requests of a person arrive together', async () => {
    const token = await provider.sign({ sub: 'user-parallel', email: 'parallel@example.org' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => me(token)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.id as string)).size).toBe(1);
  });

  it('links the provider identity to a local account with the same verified email', async () => {
    const person = newPerson('Sacha');
    const local = await registerLocal(person);
    const localMe = await me(local.body.accessToken);

    const viaProvider = await me(await provider.sign({ sub: 'user-sacha', email: person.email }));
    expect(viaProvider.status).toBe(200);
    expect(viaProvider.body).toMatchObject({
      id: localMe.body.id,
      emailVerified: true,
      signsInWith: { password: true, oidc: true },
    });
  });

  it('refuses to take over a local account when the provider does not vouch the email verified', async () => {
    const person = newPerson('Alix');
    await registerLocal(person);
    const answer = await me(
      await provider.sign({ sub: 'user-alix', email: person.email, email_verified: false }),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('auth.oidc_email_conflict');
  });

  it('refuses a token whose issuer is not the provider', async () => {
    const token = await provider.sign({
      sub: 'user-42',
      email: 'dominique@example.org',
      iss: 'https://evil.example',
    });
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('auth.token_invalid');
  });

  it('refuses a token of the provider meant for another audience', async () => {
    const token = await provider.sign({ sub: 'user-42', email: 'dominique@example.org', aud: 'another-app' });
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      code: 'auth.token_invalid',
      message: expect.stringMatching(/wrong audience/),
    });
  });

  it('refuses a token signed by another key under the provider’s kid', async () => {
    const stranger = await generateKeyPair('RS256');
    const token = await provider.sign(
      { sub: 'user-42', email: 'x@example.org' },
      { key: stranger.privateKey },
    );
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/bad signature/);
  });

  it('refuses HS256 and alg none from the provider’s issuer', async () => {
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-42', email: 'dominique@example.org' };
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: 'idp-key-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret the provider never had'));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${hs256.split('.')[1]}.`;
    for (const token of [hs256, none]) {
      const answer = await me(token);
      expect(answer.status).toBe(401);
      expect(answer.body.message).toMatch(/algorithm not allowed/);
    }
  });

  it('refuses a provider token with no email', async () => {
    const answer = await me(await provider.sign({ sub: 'user-no-mail' }));
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/no email/);
  });

  it('still issues and accepts its own tokens beside the provider’s', async () => {
    const local = await registerLocal(newPerson('Noa'));
    expect((await me(local.body.accessToken)).status).toBe(200);
  });
});

describe('An OpenID Connect provider that cannot be reached', () => {
  let sut: TestApp;

  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    sut = await startTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
    });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers 503 with a code, not 500', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'someone',
      email: 'someone@example.org',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const answer = await call(sut.baseUrl, 'GET', '/api/auth/me', { token });
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('auth.oidc_unavailable');
  });
});
