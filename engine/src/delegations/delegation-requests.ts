import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquideError } from '../errors/liquide-error';
import { canonicalJson } from '../record/canonical-json';
import { DelegationErrorCode } from './delegations.errors';

/** What a stored request answered the first time (`null`: nothing, a revocation). */
export type StoredAnswer<T> =
  { readonly replayed: true; readonly response: T | null } | { readonly replayed: false };

/**
 * Claims a client request id for one delegation write, inside the write's transaction. The first
 * request with this id claims it (a retry running at the same time waits for it on the key); a later
 * one gets the stored answer back, provided it asks the same thing (same `what`), else a 409.
 */
export async function claimRequest<T>(
  em: EntityManager,
  memberId: string,
  requestId: string,
  what: unknown,
): Promise<StoredAnswer<T>> {
  const fingerprint = canonicalJson(what);
  const claimed = await em.execute<{ claimed: number }[]>(
    `insert into delegation_request (member_id, request_id, fingerprint) values (?, ?, ?)
     on conflict do nothing returning 1 as claimed`,
    [memberId, requestId, fingerprint],
  );
  if (claimed.length > 0) {
    return { replayed: false };
  }
  const [stored] = await em.execute<{ fingerprint: string; response: T | null }[]>(
    'select fingerprint, response from delegation_request where member_id = ? and request_id = ?',
    [memberId, requestId],
  );
  if (stored?.fingerprint !== fingerprint) {
    throw new LiquideError(DelegationErrorCode.RequestIdReused, { field: 'requestId' });
  }
  return { replayed: true, response: stored.response };
}

/** Keeps the answer of a claimed request, for its retries. */
export async function storeAnswer(
  em: EntityManager,
  memberId: string,
  requestId: string,
  response: unknown,
): Promise<void> {
  await em.execute('update delegation_request set response = ? where member_id = ? and request_id = ?', [
    JSON.stringify(response),
    memberId,
    requestId,
  ]);
}
