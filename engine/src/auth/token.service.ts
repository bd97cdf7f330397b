import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import type { Account } from './account.entity';
import { AccountService } from './account.service';
import { TokenRefusedError } from './auth-errors';
import type { AuthenticatedAccount, TokenPair } from './authenticated-account';
import { RefreshTokenStore } from './refresh-token.store';
import { SIGNING_ALGORITHM, SIGNING_KEY, type SigningKey } from './signing-key';
import { refusalFor } from './token-refusal';

/** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Algorithms accepted from the OpenID Connect provider: asymmetric only, never `none` nor HS*. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

const REQUIRED_CLAIMS = ['exp', 'sub', 'iat'];

/** How many verified access tokens are remembered (about 200 bytes each). */
const VERIFIED_CACHE_SIZE = 50_000;

/**
 * Issues and verifies Liquide's tokens. Independent of HTTP: the HTTP guard and the socket.io
 * gateway (on connect) both call {@link TokenService.verifyAccessToken}.
 */
@Injectable()
export class TokenService {
  private readonly verified = new Map<string, { account: AuthenticatedAccount; exp: number; nbf: number }>();
  private readonly remoteJwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly accounts: AccountService,
    private readonly refreshTokens: RefreshTokenStore,
  ) {
    this.remoteJwks = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : undefined;
  }

  /** Signs an access token for the account and starts a new refresh-token family. */
  async issue(account: Account): Promise<TokenPair> {
    const refreshToken = await this.refreshTokens.create(account.id);
    return this.pair(account, refreshToken);
  }

  /**
   * Exchanges a refresh token for a new pair; the one given is revoked. Reusing a revoked token
   * revokes its whole family. Throws `auth.refresh_invalid` or `auth.refresh_reused`.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    return this.pair(rotated.account, rotated.refreshToken);
  }

  /** Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored. */
  async revoke(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** The public key set that verifies Liquide's access tokens. */
  jwks(): JSONWebKeySet {
    return { keys: [this.key.publicJwk] };
  }

  /**
   * Verifies an access token: Liquide's own (ES256, known `kid`, issuer, audience, `exp`, `nbf`) or,
   * when OpenID Connect is configured and `iss` is the provider, one verified against its JWKS and
   * mapped to an account (found or created by issuer and subject).
   * @throws LiquideError `auth.token_expired`, `auth.token_invalid` (with the reason),
   *   `auth.oidc_email_conflict` or `auth.oidc_unavailable`; never anything else.
   */
  async verifyAccessToken(token: string): Promise<AuthenticatedAccount> {
    const cached = this.verified.get(token);
    if (cached) {
      const now = Date.now() / 1000;
      if (now < cached.exp + CLOCK_TOLERANCE_SECONDS && now >= cached.nbf - CLOCK_TOLERANCE_SECONDS) {
        return cached.account;
      }
      this.verified.delete(token);
    }
    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw new TokenRefusedError('malformed');
    }
    if (this.config.oidc && this.remoteJwks && unverified.iss === this.config.oidc.issuer) {
      return this.verifyOidcToken(token, header.alg);
    }
    if (header.alg !== SIGNING_ALGORITHM) {
      throw new TokenRefusedError('algorithm-not-allowed');
    }
    if (header.kid !== this.key.kid) {
      throw new TokenRefusedError('unknown-key');
    }
    const payload = await jwtVerify(token, this.key.publicKey, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }).then(
      (result) => result.payload,
      (error: unknown) => {
        throw refusalFor(error);
      },
    );
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') {
      throw new TokenRefusedError('bad-claim');
    }
    const account: AuthenticatedAccount = {
      accountId: payload.sub,
      email: payload.email,
      displayName: typeof payload.name === 'string' ? payload.name : payload.email,
      source: 'local',
    };
    this.remember(token, account, payload);
    return account;
  }

  /**
   * Keeps a verified local token (the exact string) until its expiry, so that the signature is checked
   * once per token rather than once per request. Bounded; the oldest entries go first.
   */
  private remember(token: string, account: AuthenticatedAccount, payload: JWTPayload): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) {
        this.verified.delete(oldest);
      }
    }
    this.verified.set(token, { account, exp: payload.exp ?? 0, nbf: payload.nbf ?? payload.iat ?? 0 });
  }

  private async verifyOidcToken(token: string, alg: string | undefined): Promise<AuthenticatedAccount> {
    const oidc = this.config.oidc;
    if (!oidc || !this.remoteJwks) {
      throw new TokenRefusedError('wrong-issuer');
    }
    if (!alg || !OIDC_ALGORITHMS.includes(alg)) {
      throw new TokenRefusedError('algorithm-not-allowed');
    }
    const payload = await jwtVerify(token, this.remoteJwks, {
      algorithms: OIDC_ALGORITHMS,
      issuer: oidc.issuer,
      audience: oidc.audience,
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }).then(
      (result) => result.payload,
      (error: unknown) => {
        throw refusalFor(error, true);
      },
    );
    const email = payload[oidc.emailClaim];
    if (typeof email !== 'string' || !email.includes('@')) {
      throw new TokenRefusedError('missing-email');
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new TokenRefusedError('bad-claim');
    }
    const account = await this.accounts.findOrCreateFromOidc({
      issuer: oidc.issuer,
      subject: payload.sub,
      email,
      emailVerified: payload.email_verified === true,
      displayName: oidcDisplayName(payload, email),
      bind: oidcBinding(oidc.bind, payload),
    });
    return {
      accountId: account.id,
      email: account.email,
      displayName: account.displayName,
      source: 'oidc',
    };
  }

  private async pair(account: Account, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.signAccessToken(account);
    return { accessToken, refreshToken, expiresIn: this.config.jwt.accessTtlSeconds };
  }

  private signAccessToken(account: Account): Promise<string> {
    return new SignJWT({ email: account.email, name: account.displayName })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.config.jwt.issuer)
      .setAudience(this.config.jwt.audience)
      .setSubject(account.id)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${this.config.jwt.accessTtlSeconds}s`)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
  }
}

function oidcDisplayName(payload: JWTPayload, email: string): string {
  for (const claim of ['name', 'preferred_username', 'nickname']) {
    const value = payload[claim];
    if (typeof value === 'string' && value.trim().length > 0) {
      return value.trim().slice(0, 100);
    }
  }
  return email.split('@')[0]?.slice(0, 100) || email.slice(0, 100);
}

/** The stable claim's value, when the provider is an identity provider for collectives and the token carries it. */
function oidcBinding(
  bind: { readonly claim: string; readonly collectives: readonly string[] } | undefined,
  payload: JWTPayload,
): { claim: string; value: string; collectives: readonly string[] } | undefined {
  const value = bind ? payload[bind.claim] : undefined;
  return bind && typeof value === 'string' && value.length > 0 && value.length <= 200
    ? { claim: bind.claim, value, collectives: bind.collectives }
    : undefined;
}
