import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Ballot } from '../../ballots/ballot.entity';
import { LiquideError } from '../../errors/liquide-error';
import { DeputiesErrorCode } from '../deputies.errors';
import { DeputySeat } from '../entities/deputy-seat.entity';
import { MandateInstruction } from '../entities/instruction.entity';
import { Sortition } from '../entities/sortition.entity';
import { Volunteer } from '../entities/volunteer.entity';
import {
  BillInstructionsQuery,
  GetSortitionQuery,
  ListDeputiesQuery,
  ListSortitionsQuery,
  ListVolunteersQuery,
  MyInstructionsQuery,
  type InstructionView,
  type SeatView,
  type SortitionView,
  type VolunteerView,
} from './deputies.queries';
import { iso, seatView, sortitionView } from './views';

function instructionView(i: MandateInstruction): InstructionView {
  return {
    ballotId: i.ballotId,
    billId: i.billId,
    deputy: i.member.id,
    deputyName: i.member.getEntity().displayName,
    choice: i.choice,
    issuedAt: i.issuedAt.toISOString(),
    kid: i.kid,
    jws: i.jws,
  };
}

@QueryHandler(ListVolunteersQuery)
export class ListVolunteersHandler implements IQueryHandler<ListVolunteersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ListVolunteersQuery): Promise<VolunteerView[]> {
    const volunteers = await this.em
      .fork()
      .find(
        Volunteer,
        { collective: collectiveId },
        { populate: ['member'], orderBy: { volunteeredAt: 'asc' } },
      );
    return volunteers.map((v) => ({
      memberId: v.member.id,
      displayName: v.member.getEntity().displayName,
      statement: v.statement,
      volunteeredAt: v.volunteeredAt.toISOString(),
      withdrawnAt: iso(v.withdrawnAt),
      certifiedOn: v.certifiedOn,
      certifiedBy: v.certifiedBy,
      training: v.training,
      eligible: v.eligible,
    }));
  }
}

@QueryHandler(GetSortitionQuery)
export class GetSortitionHandler implements IQueryHandler<GetSortitionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ sortitionId }: GetSortitionQuery): Promise<SortitionView> {
    const s = await this.em.fork().findOne(Sortition, { id: sortitionId });
    if (!s) {
      throw new LiquideError(DeputiesErrorCode.SortitionNotFound, { field: 'sortitionId' });
    }
    return sortitionView(s);
  }
}

@QueryHandler(ListDeputiesQuery)
export class ListDeputiesHandler implements IQueryHandler<ListDeputiesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ListDeputiesQuery) {
    const seats = await this.em
      .fork()
      .find(
        DeputySeat,
        { collective: collectiveId },
        { populate: ['member'], orderBy: { seatedAt: 'desc', id: 'asc' } },
      );
    const history: SeatView[] = seats.map(seatView);
    return { current: history.filter((s) => s.status === 'seated'), history };
  }
}

@QueryHandler(MyInstructionsQuery)
export class MyInstructionsHandler implements IQueryHandler<MyInstructionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId, memberId }: MyInstructionsQuery) {
    const rows = await this.em
      .fork()
      .find(
        MandateInstruction,
        { collective: collectiveId, member: memberId },
        { populate: ['member'], orderBy: { issuedAt: 'desc', ballotId: 'asc' } },
      );
    const history = rows.map(instructionView);
    const seen = new Set<string>();
    const current = history.filter((i) => !seen.has(i.billId) && seen.add(i.billId));
    return { current, history };
  }
}

@QueryHandler(BillInstructionsQuery)
export class BillInstructionsHandler implements IQueryHandler<BillInstructionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ billId }: BillInstructionsQuery) {
    const em = this.em.fork();
    const rows = await em.find(
      MandateInstruction,
      { billId },
      { populate: ['member'], orderBy: { issuedAt: 'asc', ballotId: 'asc' } },
    );
    const ballots = await em.find(Ballot, { id: { $in: [...new Set(rows.map((r) => r.ballotId))] } });
    const closedAt = new Map(ballots.map((b) => [b.id, iso(b.closedAt)]));
    const byBallot = new Map<string, InstructionView[]>();
    for (const row of rows) {
      const list = byBallot.get(row.ballotId) ?? [];
      list.push(instructionView(row));
      byBallot.set(row.ballotId, list);
    }
    return {
      billId,
      ballots: [...byBallot].map(([ballotId, instructions]) => ({
        ballotId,
        closedAt: closedAt.get(ballotId) ?? null,
        instructions: instructions.sort(
          (a, b) => a.deputyName.localeCompare(b.deputyName, 'fr') || (a.deputy < b.deputy ? -1 : 1),
        ),
      })),
    };
  }
}

@QueryHandler(ListSortitionsQuery)
export class ListSortitionsHandler implements IQueryHandler<ListSortitionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId }: ListSortitionsQuery): Promise<SortitionView[]> {
    const rows = await this.em
      .fork()
      .find(
        Sortition,
        { collective: collectiveId },
        { orderBy: { frozenAt: 'desc', id: 'asc' }, limit: 100 },
      );
    return rows.map((s) => ({ ...sortitionView(s), proof: null }));
  }
}
