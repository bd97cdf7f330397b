import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { RecordService } from '../../record/record.service';
import { DeputiesErrorCode } from '../deputies.errors';
import { DeputySeat } from '../entities/deputy-seat.entity';
import { Sortition } from '../entities/sortition.entity';
import { Volunteer } from '../entities/volunteer.entity';
import { nextSubstitute } from '../sortition/draw';
import { ResignCommand } from './deputies.commands';

/**
 * Ends the deputy's seat (`resigned`, kept in the history) and seats the first ranked substitute who is still
 * eligible, has never sat on this panel, and keeps every quota met (else the first eligible one).
 */
@CommandHandler(ResignCommand)
export class ResignHandler implements ICommandHandler<ResignCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, memberId, reason }: ResignCommand) {
    return this.em.fork().transactional(async (em) => {
      const seat = await em.findOne(
        DeputySeat,
        { collective: collectiveId, member: memberId, status: 'seated' },
        { populate: ['member'] },
      );
      if (!seat) {
        throw new LiquideError(DeputiesErrorCode.NotSeated, { field: 'memberId' });
      }
      const sortition = await em.findOneOrFail(
        Sortition,
        { id: seat.sortition.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      seat.end('resigned', reason);
      const member = seat.member.getEntity();
      member.roles = member.roles.filter((role) => role !== 'deputy');
      await em.flush();

      const seats = await em.find(DeputySeat, { sortition: sortition.id });
      const everSeated = new Set(seats.map((s) => s.member.id));
      const sitting = seats.filter((s) => s.status === 'seated').map((s) => s.member.id);
      const eligible = new Set(
        (
          await em.find(Volunteer, {
            collective: collectiveId,
            withdrawnAt: null,
            member: { id: { $in: sortition.proof?.substitutes ?? [] }, active: true },
          })
        ).map((v) => v.member.id),
      );
      const candidates = (sortition.proof?.substitutes ?? []).filter(
        (id) => !everSeated.has(id) && eligible.has(id),
      );
      const next = nextSubstitute(sitting, candidates, sortition.pool, sortition.quotas);
      if (next) {
        const substitute = await em.findOneOrFail(Member, { id: next.id });
        if (!substitute.has('deputy')) {
          substitute.roles = [...substitute.roles, 'deputy'];
        }
        em.persist(
          new DeputySeat(
            em.getReference(Collective, collectiveId, { wrapped: true }),
            em.getReference(Sortition, sortition.id, { wrapped: true }),
            em.getReference(Member, next.id, { wrapped: true }),
            seat.id,
            next.quotasMet,
          ),
        );
        await em.flush();
      }
      const outcome = { replacedBy: next?.id ?? null, quotasMet: next?.quotasMet ?? false };
      await this.record.append(em, collectiveId, 'deputy.resigned', {
        sortitionId: sortition.id,
        memberId,
        seatId: seat.id,
        ...outcome,
      });
      return outcome;
    });
  }
}
