import { MikroORM } from '@mikro-orm/postgresql';
import { decodeJwt, decodeProtectedHeader, SignJWT, base64url, generateKeyPair } from 'jose';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { loadConfig, type LiquideConfig } from '../config/liquide-config';
import { ormOptions } from '../database/mikro-orm.options';
import { ENGINE_ENTITIES } from '../engine-persistence';
import type { LiquideError } from '../errors';
import { Account } from './account.entity';
import { AccountService } from './account.service';
import { hashPassword } from './passwords';
import { AuthErrorCode, TokenRefusedError } from './auth-errors';
import { RefreshTokenStore } from './refresh-token.store';
import { loadSigningKey, type SigningKey } from './signing-key';
import { TokenService } from './token.service';

describe(TokenService.name, () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let config: LiquideConfig;
  let key: SigningKey;
  let accounts: AccountService;
  let sut: TokenService;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions({ url: db.url, entities: ENGINE_ENTITIES, migrations: [] }));
    config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, JWT_ACCESS_TTL: '600' });
    key = await loadSigningKey(config);
    accounts = new AccountService(orm.em);
    sut = new TokenService(config, key, accounts, new RefreshTokenStore(orm.em, config));
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  let counter = 0;
  const newAccount = async () => {
    const account = new Account({
      email: `Person${++counter}@Example.org`,
      passwordHash: await hashPassword('correct horse battery'),
      displayName: `Person ${counter}`,
    });
    await orm.em.fork().persist(account).flush();
    return account;
  };

  const refusal = async (promise: Promise<unknown>): Promise<LiquideError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    return error as LiquideError;
  };

  const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, ...header }).sign(key.privateKey);

  it('issues an ES256 access token with the expected header and claims', async () => {
    const account = await newAccount();
    const pair = await sut.issue(account);

    expect(pair.expiresIn).toBe(600);
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeProtectedHeader(pair.accessToken)).toMatchObject({ alg: 'ES256', kid: key.kid });
    const claims = decodeJwt(pair.accessToken);
    expect(claims).toMatchObject({
      iss: 'liquide',
      aud: 'liquide-api',
      sub: account.id,
      email: account.email,
      name: account.displayName,
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims.nbf).toBe(claims.iat);
    expect(typeof claims.jti).toBe('string');
  });

  it('verifies its own access token into the account', async () => {
    const account = await newAccount();
    const { accessToken } = await sut.issue(account);

    await expect(sut.verifyAccessToken(accessToken)).resolves.toEqual({
      accountId: account.id,
      email: account.email,
      displayName: account.displayName,
      source: 'local',
    });
  });

  it('publishes only the public half of the key, under its thumbprint', () => {
    const { keys } = sut.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('refuses an expired token with auth.token_expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signed({
      iss: 'liquide',
      aud: 'liquide-api',
      sub: 'x',
      email: 'a@b.c',
      iat: now - 700,
      exp: now - 60,
    });
    const error = await refusal(sut.verifyAccessToken(token));
    expect(error.code).toBe(AuthErrorCode.TokenExpired);
  });

  it.each([
    ['a token from another issuer', { iss: 'someone-else' }, {}, 'wrong-issuer'],
    ['a token for another audience', { aud: 'other-api' }, {}, 'wrong-audience'],
    ['a token not valid yet', { nbf: Math.floor(Date.now() / 1000) + 120 }, {}, 'not-yet-valid'],
    ['a token with no exp', { exp: undefined }, {}, 'missing-claim'],
    ['a token with an unknown kid', {}, { kid: 'another-key' }, 'unknown-key'],
  ])('refuses %s', async (_what, claimChanges, headerChanges, reason) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: 'liquide',
      aud: 'liquide-api',
      sub: 'x',
      email: 'a@b.c',
      iat: now,
      exp: now + 60,
      ...claimChanges,
    };
    const token = await signed(JSON.parse(JSON.stringify(claims)) as Record<string, unknown>, headerChanges);
    const error = await refusal(sut.verifyAccessToken(token));
    expect(error).toBeInstanceOf(TokenRefusedError);
    expect((error as TokenRefusedError).reason).toBe(reason);
  });

  it('refuses alg none, HS256 and a forged signature', async () => {
    const { accessToken } = await sut.issue(await newAccount());
    const [header, payload] = accessToken.split('.');
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', kid: key.kid }))}.${payload}.`;
    const hs256 = await new SignJWT(decodeJwt(accessToken))
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT(decodeJwt(accessToken))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .sign(other.privateKey);

    for (const [token, reason] of [
      [none, 'algorithm-not-allowed'],
      [hs256, 'algorithm-not-allowed'],
      [forged, 'bad-signature'],
      [`${header}.${payload}`, 'malformed'],
      ['not a token', 'malformed'],
    ] as const) {
      const error = await refusal(sut.verifyAccessToken(token));
      expect([token, (error as TokenRefusedError).reason]).toEqual([token, reason]);
    }
  });

  it('rotates refresh tokens: the old one stops working and its reuse revokes the family', async () => {
    const first = await sut.issue(await newAccount());
    const second = await sut.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await sut.refresh(second.refreshToken);

    const reuse = await refusal(sut.refresh(first.refreshToken));
    expect(reuse.code).toBe(AuthErrorCode.RefreshReused);
    const afterTheft = await refusal(sut.refresh(third.refreshToken));
    expect(afterTheft.code).toBe(AuthErrorCode.RefreshInvalid);
  });

  it('lets one of two concurrent refreshes with the same token win', async () => {
    const { refreshToken } = await sut.issue(await newAccount());
    const results = await Promise.allSettled([sut.refresh(refreshToken), sut.refresh(refreshToken)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('revokes a session on logout without touching the account’s other sessions', async () => {
    const account = await newAccount();
    const phone = await sut.issue(account);
    const laptop = await sut.issue(account);

    await sut.revoke(phone.refreshToken);

    expect((await refusal(sut.refresh(phone.refreshToken))).code).toBe(AuthErrorCode.RefreshInvalid);
    await expect(sut.refresh(laptop.refreshToken)).resolves.toHaveProperty('accessToken');
    await expect(sut.revoke('unknown-token')).resolves.toBeUndefined();
  });
});
