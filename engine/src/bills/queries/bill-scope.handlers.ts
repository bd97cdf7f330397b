import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { loadElectorate } from '../../ballots/scenario-builder';
import { BillErrorCode } from '../bills.errors';
import { LiquideError } from '../../errors/liquide-error';
import { GetBillElectorateQuery, GetBillScopeQuery, type BillScope } from './bill-scope.queries';

async function scopeOf(
  em: EntityManager,
  billId: string,
): Promise<BillScope & { delegationCap: number | null }> {
  const [row] = await em.execute<{ collective_id: string; topic_id: string | null; cap: number | null }[]>(
    `select b.collective_id, b.topic_id, (c.settings->>'delegationCap')::float as cap
       from bill b join collective c on c.id = b.collective_id where b.id = ?`,
    [billId],
  );
  if (!row) {
    throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
  }
  return { billId, collectiveId: row.collective_id, topicId: row.topic_id, delegationCap: row.cap };
}

@QueryHandler(GetBillScopeQuery)
export class GetBillScopeHandler implements IQueryHandler<GetBillScopeQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetBillScopeQuery): Promise<BillScope> {
    const { billId, collectiveId, topicId } = await scopeOf(this.em.fork(), query.billId);
    return { billId, collectiveId, topicId };
  }
}

@QueryHandler(GetBillElectorateQuery)
export class GetBillElectorateHandler implements IQueryHandler<GetBillElectorateQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetBillElectorateQuery) {
    const em = this.em.fork();
    const scope = await scopeOf(em, query.billId);
    const electorate = await loadElectorate(em, { ...scope, at: query.at });
    return { billId: scope.billId, collectiveId: scope.collectiveId, topicId: scope.topicId, electorate };
  }
}
