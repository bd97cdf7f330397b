import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthErrorCode } from '../auth/auth-errors';
import { textArray, uuidArray } from '../database/pg-array';
import { LiquideError } from '../errors/liquide-error';
import { Member } from './member.entity';

/**
 * The one place where a membership meets an account.
 *
 * A member is bound to an account by `member.account_id`, set only for an account whose address is
 * verified: when the account verifies an address (every unbound member with that address joins it),
 * or when a member is added with the address of an account that already verified it. Every check of
 * rights (HTTP access, plugins, votes, live rooms) reads the binding, never the e-mail address.
 */

/**
 * SQL giving the id of the account that verified the address in `emailSql`, or null when there is
 * none or it already holds a membership of the collective `collectiveSql`; used where members are
 * inserted in bulk. Both arguments are SQL expressions written by the caller, never user input.
 */
export function verifiedAccountSql(emailSql: string, collectiveSql: string): string {
  return `(select a.id from account a where a.email = ${emailSql} and a.email_verified_at is not null
      and not exists (select 1 from member bound where bound.collective_id = ${collectiveSql} and bound.account_id = a.id))`;
}

/** The account's membership of the collective (active or not), or null. */
export function findMembership(
  em: EntityManager,
  accountId: string,
  collectiveId: string,
): Promise<Member | null> {
  return em.findOne(Member, { collective: collectiveId, account: accountId });
}

/** Ids of the account's active memberships, in every collective. */
export async function activeMembershipIds(em: EntityManager, accountId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>('select id from member where account_id = ? and active', [
    accountId,
  ]);
  return rows.map((row) => row.id);
}

/**
 * Binds to the account every member with this address that no account holds yet. Call it in the
 * transaction that marks the address verified, and only then. Returns the number bound.
 */
export function bindVerifiedAddress(em: EntityManager, accountId: string, email: string): Promise<number> {
  return bindVerifiedAccounts(em, [accountId], email);
}

/**
 * Binds every unbound member whose address is the current, verified address of one of these
 * accounts (at most one membership per account and collective). `onlyEmail` narrows it to one address.
 */
export async function bindVerifiedAccounts(
  em: EntityManager,
  accountIds: readonly string[],
  onlyEmail?: string,
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update member set account_id = a.id
       from account a
      where a.id = any(?::uuid[]) and a.email_verified_at is not null and member.email = a.email
        and (?::text is null or a.email = ?)
        and member.account_id is null
        and not exists (select 1 from member other where other.collective_id = member.collective_id and other.account_id = a.id)
      returning member.id`,
    [uuidArray(accountIds), onlyEmail ?? null, onlyEmail ?? null],
  );
  return rows.length;
}

/**
 * When a caller without a membership is refused: `auth.email_unverified` if the account has not
 * verified its address (the reason it holds nothing), otherwise nothing (the caller gets the usual 403).
 */
export async function assertNotUnverified(em: EntityManager, accountId: string): Promise<void> {
  const [row] = await em.execute<{ verified: boolean }[]>(
    'select email_verified_at is not null as verified from account where id = ?',
    [accountId],
  );
  if (row && !row.verified) {
    throw new LiquideError(AuthErrorCode.EmailUnverified);
  }
}

/**
 * Identity-provider mode: binds to the account the unbound members of the trusting collectives (ids
 * or slugs) whose attribute `claim` equals `value` — the provider's stable identifier, which the
 * organiser imported as a member attribute. Returns the number bound.
 */
export async function bindByClaim(
  em: EntityManager,
  accountId: string,
  bind: { readonly claim: string; readonly value: string; readonly collectives: readonly string[] },
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update member set account_id = ?
      where account_id is null and attributes ->> ? = ?
        and collective_id in (select c.id from collective c where c.id::text = any(?::text[]) or c.slug = any(?::text[]))
        and not exists (select 1 from member other where other.collective_id = member.collective_id and other.account_id = ?)
      returning id`,
    [accountId, bind.claim, bind.value, textArray(bind.collectives), textArray(bind.collectives), accountId],
  );
  return rows.length;
}
