import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { uuidArray } from '../../database/pg-array';
import { LiquideError } from '../../errors/liquide-error';
import { Bill } from '../bill.entity';
import { BillErrorCode } from '../bills.errors';
import { GetBillQuery, ListBillsQuery, type BillSummary } from './bill.queries';

async function summarise(em: EntityManager, bills: Bill[]): Promise<BillSummary[]> {
  const ballots = await em.execute<
    { id: string; bill_id: string; status: string; opens_at: Date; closes_at: Date }[]
  >(
    'select id, bill_id, status, opens_at, closes_at from ballot where bill_id = any(?::uuid[]) order by opens_at',
    [uuidArray(bills.map((b) => b.id))],
  );
  return bills.map((bill) => ({
    id: bill.id,
    title: bill.title,
    summary: bill.summary,
    topicId: bill.topic?.id ?? null,
    status: bill.status,
    ballots: ballots
      .filter((b) => b.bill_id === bill.id)
      .map((b) => ({
        id: b.id,
        status: b.status,
        opensAt: new Date(b.opens_at).toISOString(),
        closesAt: new Date(b.closes_at).toISOString(),
      })),
  }));
}

@QueryHandler(ListBillsQuery)
export class ListBillsHandler implements IQueryHandler<ListBillsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListBillsQuery): Promise<BillSummary[]> {
    const em = this.em.fork();
    const bills = await em.find(Bill, { collective: query.collectiveId }, { orderBy: { createdAt: 'desc' } });
    return summarise(em, bills);
  }
}

@QueryHandler(GetBillQuery)
export class GetBillHandler implements IQueryHandler<GetBillQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetBillQuery) {
    const em = this.em.fork();
    const bill = await em.findOne(Bill, { id: query.billId });
    if (!bill) {
      throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
    }
    const [summary] = await summarise(em, [bill]);
    return { ...summary, collectiveId: bill.collective.id, articles: bill.articles };
  }
}
