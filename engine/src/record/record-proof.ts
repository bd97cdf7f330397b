import { sha256Hex } from '../tally/sha256';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What the public record says about a member's own act (a delegation, a role, a change): not who,
 * only a proof — SHA-256 of the collective's secret and the act — that the member (who is told the
 * same value) can find in the record. Identities appear only pseudonymised, per ballot, at close.
 */
export async function recordProof(
  em: EntityManager,
  collectiveId: string,
  parts: readonly unknown[],
): Promise<string> {
  const [row] = await em.execute<{ record_secret: string }[]>(
    'select record_secret from collective where id = ?',
    [collectiveId],
  );
  const text = [
    row?.record_secret ?? '',
    ...parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))),
  ];
  return sha256Hex(text.join(':'));
}
