import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { freshEmail, registerUser, request, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, importCsv, requestId, type ErrorBody } from '../domain/domain-fixtures';
import { sql } from './identity-kit';

const ISSUER = 'https://idp.binding.test';
const AUDIENCE = 'liquide-binding';
/** The collective that trusts the provider as its identity provider (OIDC_BIND_COLLECTIVES). */
const TRUSTING_SLUG = `idp-trusting-${process.pid}-${Date.now().toString(36)}`;

/** A minimal provider: its JWKS served on loopback, and its signing key. */
async function startProvider(): Promise<{ jwksUrl: string; server: Server; key: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'bind-key', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    server,
    key: privateKey,
  };
}

describe('OpenID Connect: a membership binds only on a verified address or a trusted stable claim', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let sut: TestApp;
  let organiser: ApiUser;
  let plainId: string;
  let trustingId: string;

  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ iss: ISSUER, aud: AUDIENCE, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'bind-key' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(provider.key);
  const as = (token: string) => ({
    call: <T>(method: string, path: string, body?: unknown, language = 'fr') =>
      request<T>(sut.baseUrl, method, path, { token, body, headers: { 'accept-language': language } }),
  });
  const bound = async (collectiveId: string, email: string) =>
    (
      await sql<{ account_id: string | null }>(
        sut.db.url,
        'select account_id from member where collective_id = $1 and email = $2',
        [collectiveId, email],
      )
    )[0]?.account_id ?? null;

  beforeAll(async () => {
    provider = await startProvider();
    sut = await startTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: provider.jwksUrl,
      OIDC_BIND_CLAIM: 'pivot_id',
      OIDC_BIND_COLLECTIVES: TRUSTING_SLUG,
    });
    organiser = await registerUser(sut.baseUrl, 'organiser');
    const plain = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Ordinaire',
      slug: `idp-plain-${process.pid}-${Date.now().toString(36)}`,
    });
    const trusting = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Confiance',
      slug: TRUSTING_SLUG,
    });
    plainId = plain.body.id;
    trustingId = trusting.body.id;
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  it('signs in a token with email_verified false but binds nothing, and says why', async () => {
    const email = freshEmail('unvouched');
    await importCsv(organiser, plainId, `email,display_name,roles\n${email},Membre,member`);
    const { ballotId } = await createBallot(organiser, plainId);
    const person = as(await sign({ sub: 'unvouched-1', email, email_verified: false }));

    const me = await person.call<{ emailVerified: boolean }>('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.emailVerified).toBe(false);
    const vote = await person.call<ErrorBody>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      { choice: 'yes', requestId: requestId() },
      'en',
    );
    expect(vote.status).toBe(403);
    expect(vote.body).toMatchObject({
      code: 'auth.email_unverified',
      message: expect.stringMatching(/not verified/),
    });
    expect(await bound(plainId, email)).toBeNull();
  });

  it('binds and lets vote a token that vouches the address verified', async () => {
    const email = freshEmail('vouched');
    await importCsv(organiser, plainId, `email,display_name,roles\n${email},Membre,member`);
    const { ballotId } = await createBallot(organiser, plainId);
    const person = as(await sign({ sub: 'vouched-1', email, email_verified: true }));

    const vote = await person.call<{ choice: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
    expect(vote.body.choice).toBe('no');
    expect(await bound(plainId, email)).not.toBeNull();
  });

  it('binds by the trusted stable claim in the trusting collective only, whatever the address', async () => {
    const imported = freshEmail('citizen');
    const csv = `email,display_name,roles,attr:pivot_id\n${imported},Citoyenne,member,PIVOT-123`;
    await importCsv(organiser, trustingId, csv);
    await importCsv(organiser, plainId, csv);
    const { ballotId } = await createBallot(organiser, trustingId);
    // another address, not vouched: only the claim can bind
    const person = as(
      await sign({
        sub: 'citizen-1',
        email: freshEmail('other'),
        email_verified: false,
        pivot_id: 'PIVOT-123',
      }),
    );
    const vote = await person.call<{ choice: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'abstain',
      requestId: requestId(),
    });
    expect(vote.status).toBe(200);
    expect(await bound(trustingId, imported)).not.toBeNull();
    expect(await bound(plainId, imported)).toBeNull();

    // a different value of the claim binds nothing
    const stranger = as(await sign({ sub: 'citizen-2', email: freshEmail('x'), pivot_id: 'PIVOT-999' }));
    const refused = await stranger.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(refused.status).toBe(403);
  });
});
