import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquideError } from '@liquide/engine';
import { AmendmentErrorCode } from './amendments.errors';

/** The collective and topic of a bill, or a 404 `amendments.bill_not_found`. */
export async function billScope(
  em: EntityManager,
  billId: string,
): Promise<{ collectiveId: string; topicId: string | null }> {
  const [row] = await em.execute<{ collective_id: string; topic_id: string | null }[]>(
    'select collective_id, topic_id from bill where id = ?',
    [billId],
  );
  if (!row) {
    throw new LiquideError(AmendmentErrorCode.BillNotFound, { field: 'billId' });
  }
  return { collectiveId: row.collective_id, topicId: row.topic_id };
}
