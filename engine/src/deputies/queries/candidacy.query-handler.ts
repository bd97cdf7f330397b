import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeputySeat } from '../entities/deputy-seat.entity';
import { Sortition } from '../entities/sortition.entity';
import { Volunteer } from '../entities/volunteer.entity';
import { MyCandidacyQuery, type CandidacyStatus, type CandidacyView } from './candidacy.query';
import { seatView } from './views';

@QueryHandler(MyCandidacyQuery)
export class MyCandidacyHandler implements IQueryHandler<MyCandidacyQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ collectiveId, memberId }: MyCandidacyQuery): Promise<CandidacyView> {
    const em = this.em.fork();
    const [volunteer, seats, open] = await Promise.all([
      em.findOne(Volunteer, { collective: collectiveId, member: memberId }),
      em.find(
        DeputySeat,
        { collective: collectiveId, member: memberId },
        { populate: ['member'], orderBy: { seatedAt: 'desc', id: 'asc' } },
      ),
      em.find(
        Sortition,
        { collective: collectiveId, status: { $ne: 'drawn' } },
        { orderBy: { frozenAt: 'desc' } },
      ),
    ]);
    const pooled = open.find((s) => s.pool.some((entry) => entry.id === memberId)) ?? null;
    const status = ((): CandidacyStatus => {
      if (seats.some((s) => s.status === 'seated')) {
        return 'seated';
      }
      if (!volunteer) {
        return 'none';
      }
      if (volunteer.withdrawnAt) {
        return 'withdrawn';
      }
      if (pooled) {
        return 'in_pool';
      }
      return volunteer.certifiedOn ? 'certified' : 'volunteered';
    })();
    return {
      status,
      statement: volunteer?.statement ?? null,
      volunteeredAt: volunteer?.volunteeredAt.toISOString() ?? null,
      withdrawnAt: volunteer?.withdrawnAt?.toISOString() ?? null,
      certifiedOn: volunteer?.certifiedOn ?? null,
      training: volunteer?.training ?? null,
      pool: pooled
        ? { sortitionId: pooled.id, status: pooled.status, frozenAt: pooled.frozenAt.toISOString() }
        : null,
      seats: seats.map(seatView),
    };
  }
}
