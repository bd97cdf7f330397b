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

/** A provider whose published key set can change: keys are added, withdrawn, and each signs tokens. */
async function startRotatingProvider() {
  const keys = new Map<string, { jwk: JWK; privateKey: CryptoKey }>();
  const published = new Set<string>();
  let requests = 0;
  const addKey = async (kid: string, publish = true) => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    keys.set(kid, { jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' }, ...pair });
    if (publish) {
      published.add(kid);
    }
  };
  const server = createServer((_request, response) => {
    requests += 1;
    const set = { keys: [...published].map((kid) => keys.get(kid)!.jwk) };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(set));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sign = (kid: string, claims: Record<string, unknown> = {}, iat?: number) => {
    const jwt = new SignJWT({ iss: ISSUER, aud: AUDIENCE, email_verified: true, sub: 'rot', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuedAt(iat)
      .setExpirationTime(iat === undefined ? '5m' : iat + 2 * 86_400);
    return jwt.sign(keys.get(kid)!.privateKey);
  };
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    server,
    addKey,
    withdraw: (kid: string) => published.delete(kid),
    sign,
    requests: () => requests,
  };
}

async function startAppFor(jwksUrl: string, maxAge: number, cooldown: number): Promise<TestApp> {
  return startTestApp({
    OIDC_ISSUER: ISSUER,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_JWKS_URL: jwksUrl,
    OIDC_JWKS_MAX_AGE: String(maxAge),
    OIDC_JWKS_COOLDOWN: String(cooldown),
  });
}

const meOn = (app: TestApp, token: string) =>
  call(app.baseUrl, 'GET', '/api/auth/me', { token, headers: { 'accept-language': 'en' } });

describe('Provider keys: clocks and withdrawal', () => {
  let provider: Awaited<ReturnType<typeof startRotatingProvider>>;
  let sut: TestApp;

  beforeAll(async () => {
    provider = await startRotatingProvider();
    await provider.addKey('k1');
    // the key set is fetched again once older than 2 s
    sut = await startAppFor(provider.jwksUrl, 2, 30);
  });

  afterAll(async () => {
    await sut?.close();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  it('refuses an ID token issued a day in the future, and one not valid before then', async () => {
    const tomorrow = Math.floor(Date.now() / 1000) + 86_400;
    const future = await meOn(
      sut,
      await provider.sign('k1', { email: 'future@example.org', sub: 'f' }, tomorrow),
    );
    expect(future.status).toBe(401);
    expect(future.body).toMatchObject({
      code: 'auth.token_invalid',
      message: expect.stringMatching(/issued in the future \(iat\)/),
    });
    const notBefore = await meOn(
      sut,
      await provider.sign('k1', { email: 'nbf@example.org', sub: 'n', nbf: tomorrow }),
    );
    expect(notBefore.status).toBe(401);
    expect(notBefore.body.message).toMatch(/not yet valid/);
    // within the stated tolerance (5 s): accepted
    const skewed = Math.floor(Date.now() / 1000) + 3;
    const ok = await meOn(sut, await provider.sign('k1', { email: 'skew@example.org', sub: 's' }, skewed));
    expect(ok.status).toBe(200);
  });

  it('stops accepting a key withdrawn from the JWKS once the cached set is older than its max age', async () => {
    const claims = { email: 'rotation@example.org' };
    expect((await meOn(sut, await provider.sign('k1', claims))).status).toBe(200);
    provider.withdraw('k1');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const answer = await meOn(sut, await provider.sign('k1', claims));
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/unknown signing key/);
  });
});

describe('Provider keys: an unknown kid', () => {
  let provider: Awaited<ReturnType<typeof startRotatingProvider>>;
  let sut: TestApp;

  beforeAll(async () => {
    provider = await startRotatingProvider();
    await provider.addKey('k1');
    // a long max age, and an unknown kid may fetch the keys again once per second
    sut = await startAppFor(provider.jwksUrl, 3600, 1);
  });

  afterAll(async () => {
    await sut?.close();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  it('fetches the keys again for a new kid, at most once per cool-down however many tokens ask', async () => {
    expect((await meOn(sut, await provider.sign('k1', { email: 'k1@example.org', sub: 'k1' }))).status).toBe(
      200,
    );
    await provider.addKey('k2');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await meOn(sut, await provider.sign('k2', { email: 'k2@example.org', sub: 'k2' }))).status).toBe(
      200,
    );

    await provider.addKey('forged', false);
    const tokens = await Promise.all(
      Array.from({ length: 40 }, () => provider.sign('forged', { email: 'f@example.org' })),
    );
    const before = provider.requests();
    const started = Date.now();
    const answers = await Promise.all(tokens.map((token) => meOn(sut, token)));
    const seconds = (Date.now() - started) / 1000;
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([401]));
    expect(answers[0].body.message).toMatch(/unknown signing key/);
    expect(provider.requests() - before).toBeLessThanOrEqual(1 + Math.floor(seconds));
  });
});
