import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { uuidArray } from '../../database/pg-array';
import { LiquideError } from '../../errors/liquide-error';
import type { Seats, Totals } from '../../tally';
import { Bill } from '../bill.entity';
import { BillErrorCode } from '../bills.errors';
import { GetBillQuery, ListBillsQuery, type BallotSummary, type BillSummary } from './bill.queries';

interface BallotRow {
  id: string;
  bill_id: string;
  status: string;
  purpose: 'bill' | 'amendment';
  opens_at: Date;
  closes_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
  totals: Totals | null;
  seats: Seats | null;
  result_stats: { turnout: number } | null;
}

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

function ballotSummary(row: BallotRow): BallotSummary {
  return {
    id: row.id,
    status: row.status,
    purpose: row.purpose,
    opensAt: new Date(row.opens_at).toISOString(),
    closesAt: new Date(row.closes_at).toISOString(),
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    result:
      row.status === 'closed' && row.totals
        ? {
            totals: row.totals,
            seats: row.seats ?? null,
            turnout: row.result_stats?.turnout ?? 0,
          }
        : null,
  };
}

async function summarise(em: EntityManager, bills: Bill[]): Promise<BillSummary[]> {
  const ballots = await em.execute<BallotRow[]>(
    // only the totals and seats of a result: its per-voter part can be large
    `select id, bill_id, status, purpose, opens_at, closes_at, opened_at, closed_at,
            result->'totals' as totals, result->'seats' as seats, result_stats
       from ballot where bill_id = any(?::uuid[]) order by opens_at, created_at`,
    [uuidArray(bills.map((b) => b.id))],
  );
  return bills.map((bill) => ({
    id: bill.id,
    title: bill.title,
    summary: bill.summary,
    topicId: bill.topic?.id ?? null,
    status: bill.status,
    ballots: ballots.filter((b) => b.bill_id === bill.id).map(ballotSummary),
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
