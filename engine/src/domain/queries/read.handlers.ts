import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Bill } from '../../bills/bill.entity';
import { Collective } from '../../collectives/collective.entity';
import { Topic } from '../../collectives/topic.entity';
import { Delegation } from '../../delegations/delegation.entity';
import { toDelegationView } from '../../delegations/delegation.view';
import { uuidArray } from '../../database/pg-array';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import type { Seats, Totals } from '../../tally';
import { DomainErrorCode } from '../domain.errors';
import {
  DelegationsToMeQuery,
  GetBillQuery,
  GetCollectiveQuery,
  GetImportQuery,
  ListBillsQuery,
  MyDelegationsQuery,
  type BallotSummary,
  type BillSummary,
  type CollectiveView,
  type ImportProgress,
} from './read.queries';

@QueryHandler(GetCollectiveQuery)
export class GetCollectiveHandler implements IQueryHandler<GetCollectiveQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetCollectiveQuery): Promise<CollectiveView> {
    const em = this.em.fork();
    const collective = await em.findOneOrFail(Collective, { id: query.collectiveId });
    const topics = await em.find(Topic, { collective: collective.id }, { orderBy: { name: 'asc' } });
    const me = query.memberId ? await em.findOne(Member, { id: query.memberId }) : null;
    return {
      id: collective.id,
      name: collective.name,
      slug: collective.slug,
      settings: { ...collective.settings },
      topics: topics.map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
      me: me ? { memberId: me.id, roles: me.roles, votingRights: me.votingRights } : null,
    };
  }
}

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
      throw new LiquideError(DomainErrorCode.BillNotFound, { field: 'billId' });
    }
    const [summary] = await summarise(em, [bill]);
    return { ...summary, collectiveId: bill.collective.id, articles: bill.articles };
  }
}

@QueryHandler(GetImportQuery)
export class GetImportHandler implements IQueryHandler<GetImportQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GetImportQuery): Promise<ImportProgress> {
    const [row] = await this.em
      .fork()
      .execute<ImportProgress[]>(
        'select id, status, total, processed, created, updated, errors from member_import where id = ? and collective_id = ?',
        [query.importId, query.collectiveId],
      );
    if (!row) {
      throw new LiquideError(DomainErrorCode.ImportNotFound, { field: 'importId' });
    }
    return row;
  }
}

@QueryHandler(MyDelegationsQuery)
export class MyDelegationsHandler implements IQueryHandler<MyDelegationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MyDelegationsQuery) {
    const delegations = await this.em
      .fork()
      .find(Delegation, { member: query.memberId }, { orderBy: { scopeKey: 'asc' } });
    return delegations.map(toDelegationView);
  }
}

@QueryHandler(DelegationsToMeQuery)
export class DelegationsToMeHandler implements IQueryHandler<DelegationsToMeQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: DelegationsToMeQuery) {
    const em = this.em.fork();
    const delegations = await em.find(
      Delegation,
      { trustees: { $contains: [query.memberId] } },
      { populate: ['member'], orderBy: { updatedAt: 'desc' } },
    );
    return delegations.map((d) => ({
      ...toDelegationView(d),
      from: { memberId: d.member.id, displayName: d.member.getEntity().displayName },
      rank: d.trustees.indexOf(query.memberId) + 1,
    }));
  }
}
