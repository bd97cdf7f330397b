import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquideError } from '../errors/liquide-error';
import { IdentityErrorCode } from './identity.errors';

/** What a link proves once followed. */
export type TokenPurpose = 'verify_email' | 'change_email' | 'reset_password';

/** How long each kind of link works. */
export const TOKEN_TTL_SECONDS: Readonly<Record<TokenPurpose, number>> = {
  verify_email: 48 * 3600,
  change_email: 24 * 3600,
  reset_password: 3600,
};

/** A link just issued: `value` goes into the e-mail and nowhere else. */
export interface IssuedToken {
  readonly id: string;
  readonly value: string;
}

/** A link being spent, locked until the caller's transaction ends. */
export interface SpentToken {
  readonly id: string;
  readonly accountId: string;
  readonly email: string;
}

/** The value's shape: 32 random bytes in base64url. Anything else is refused before any query. */
export const TOKEN_VALUE = /^[A-Za-z0-9_-]{43}$/;

function hashToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Issues a link for the account, replacing its earlier unused links of the same purpose (a new
 * link makes the older ones expire). Runs in the caller's transaction.
 */
export async function issueToken(
  em: EntityManager,
  accountId: string,
  purpose: TokenPurpose,
  email: string,
): Promise<IssuedToken> {
  await em.execute(
    `update account_token set expires_at = least(expires_at, now())
      where account_id = ? and purpose = ? and used_at is null`,
    [accountId, purpose],
    'run',
  );
  const id = randomUUID();
  const value = randomBytes(32).toString('base64url');
  await em.execute(
    `insert into account_token (id, account_id, purpose, email, token_hash, expires_at)
     values (?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
    [id, accountId, purpose, email, hashToken(value), TOKEN_TTL_SECONDS[purpose]],
    'run',
  );
  return { id, value };
}

/**
 * Marks the link used, once: of two requests racing with the same link, one wins and the other
 * finds it used. Runs in the caller's transaction (if that transaction fails, the link stays unused).
 * @throws LiquideError `identity.link_invalid` (unknown, tampered or of another purpose),
 *   `identity.link_used`, `identity.link_expired`.
 */
export async function spendToken(
  em: EntityManager,
  value: string,
  purposes: readonly TokenPurpose[],
): Promise<SpentToken & { purpose: TokenPurpose }> {
  if (!TOKEN_VALUE.test(value)) {
    throw new LiquideError(IdentityErrorCode.LinkInvalid, { field: 'token' });
  }
  const [row] = await em.execute<
    {
      id: string;
      account_id: string;
      email: string;
      purpose: TokenPurpose;
      used: boolean;
      expired: boolean;
    }[]
  >(
    `select id, account_id, email, purpose, used_at is not null as used, expires_at <= now() as expired
       from account_token where token_hash = ? for update`,
    [hashToken(value)],
  );
  if (!row || !purposes.includes(row.purpose)) {
    throw new LiquideError(IdentityErrorCode.LinkInvalid, { field: 'token' });
  }
  if (row.used) {
    throw new LiquideError(IdentityErrorCode.LinkUsed, { field: 'token' });
  }
  if (row.expired) {
    throw new LiquideError(IdentityErrorCode.LinkExpired, { field: 'token' });
  }
  await em.execute('update account_token set used_at = now() where id = ?', [row.id], 'run');
  return { id: row.id, accountId: row.account_id, email: row.email, purpose: row.purpose };
}
