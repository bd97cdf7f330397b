import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { LiquideError } from '../errors';
import { Account } from './account.entity';
import { AuthErrorCode } from './auth-errors';
import { RefreshToken } from './refresh-token.entity';

/** SHA-256 (hex) of a refresh token value: only the hash is stored. */
export function hashRefreshToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Refresh tokens in PostgreSQL: opaque 32 random bytes (base64url) given to the client, stored
 * hashed, rotated on every use. Each operation runs in its own unit of work, so it works the same
 * from an HTTP request, a socket event or a test.
 */
@Injectable()
export class RefreshTokenStore {
  constructor(
    private readonly em: EntityManager,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /**
   * Stores a new token for the account, in a new family unless one is given.
   * @returns the token's value, to give the client once.
   */
  async create(accountId: string, familyId: string = randomUUID()): Promise<string> {
    const em = this.em.fork();
    const { entity, value } = this.build(em, accountId, familyId);
    await em.persist(entity).flush();
    return value;
  }

  /**
   * Revokes the given token and stores the next one of its family, atomically: of two requests
   * racing with the same token, one wins and the other is treated as a reuse.
   * @throws LiquideError `auth.refresh_invalid` (unknown, expired, or its session already ended),
   *   `auth.refresh_reused` (a revoked token of a live session: the whole family is revoked).
   */
  async rotate(value: string): Promise<{ readonly refreshToken: string; readonly account: Account }> {
    const em = this.em.fork();
    const current = await em.findOne(
      RefreshToken,
      { tokenHash: hashRefreshToken(value) },
      { populate: ['account'] },
    );
    if (!current) {
      throw new LiquideError(AuthErrorCode.RefreshInvalid);
    }
    if (current.revokedAt === null && current.expiresAt.getTime() <= Date.now()) {
      throw new LiquideError(AuthErrorCode.RefreshInvalid);
    }
    const nextValue = await em.transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        RefreshToken,
        { id: current.id, revokedAt: null },
        { revokedAt: new Date() },
      );
      if (claimed === 0) {
        return undefined;
      }
      const next = this.build(tx, current.account.id, current.familyId);
      tx.persist(next.entity);
      return next.value;
    });
    if (nextValue === undefined) {
      const revoked = await this.revokeFamily(current.familyId);
      throw new LiquideError(revoked > 0 ? AuthErrorCode.RefreshReused : AuthErrorCode.RefreshInvalid);
    }
    return { refreshToken: nextValue, account: current.account.getEntity() };
  }

  /** Revokes every live token of the family the given token belongs to; unknown tokens are ignored. */
  async revokeFamilyOf(value: string): Promise<void> {
    const token = await this.em
      .fork()
      .findOne(RefreshToken, { tokenHash: hashRefreshToken(value) }, { fields: ['familyId'] });
    if (token) {
      await this.revokeFamily(token.familyId);
    }
  }

  /**
   * Revokes every live token of the account (every session), in the caller's unit of work when one
   * is given (a password reset revokes in its own transaction). Returns how many were live.
   */
  async revokeAllOf(accountId: string, em: EntityManager = this.em.fork()): Promise<number> {
    return em.nativeUpdate(RefreshToken, { account: accountId, revokedAt: null }, { revokedAt: new Date() });
  }

  /** Revokes every live token of a family; returns how many were live. */
  async revokeFamily(familyId: string): Promise<number> {
    return this.em
      .fork()
      .nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
  }

  private build(
    em: EntityManager,
    accountId: string,
    familyId: string,
  ): { entity: RefreshToken; value: string } {
    const value = randomBytes(32).toString('base64url');
    const entity = new RefreshToken({
      account: em.getReference(Account, accountId, { wrapped: true }),
      tokenHash: hashRefreshToken(value),
      familyId,
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    });
    return { entity, value };
  }
}
