import type { EntityManager } from '@mikro-orm/postgresql';
import { normaliseEmail } from '../auth/account.entity';
import { textArray } from '../database/pg-array';
import { bindVerifiedAccounts } from '../members/membership';

/** What an operator's verification did. */
export interface OperatorVerification {
  /** Addresses that had an unverified account and are now verified. */
  readonly verified: number;
  /** Memberships bound to those accounts. */
  readonly bound: number;
}

/**
 * Marks these addresses verified on the operator's word, with direct access to the database
 * (`liquide verify-email`, the benchmarks): the operator vouches that each address belongs to its
 * account's holder, as the link would have proven. Binds their memberships like a followed link.
 * Not reachable over HTTP.
 */
export async function verifyAddressesAsOperator(
  em: EntityManager,
  emails: readonly string[],
): Promise<OperatorVerification> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string }[]>(
      `update account set email_verified_at = now()
        where email = any(?::text[]) and email_verified_at is null
        returning id`,
      [textArray(emails.map(normaliseEmail))],
    );
    const ids = rows.map((row) => row.id);
    const bound = ids.length > 0 ? await bindVerifiedAccounts(tx, ids) : 0;
    return { verified: ids.length, bound };
  });
}
