import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Collective } from '../../collectives/collective.entity';
import { MemberErrorCode } from '../../members/members.errors';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { RecordService } from '../../record/record.service';
import { DeputiesErrorCode } from '../deputies.errors';
import { Volunteer } from '../entities/volunteer.entity';
import { CertifyVolunteerCommand, VolunteerCommand, WithdrawVolunteerCommand } from './deputies.commands';

@CommandHandler(VolunteerCommand)
export class VolunteerHandler implements ICommandHandler<VolunteerCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, memberId, statement }: VolunteerCommand): Promise<{ id: string }> {
    return this.em.fork().transactional(async (em) => {
      const existing = await em.findOne(Volunteer, { collective: collectiveId, member: memberId });
      if (existing && existing.withdrawnAt === null) {
        throw new LiquideError(DeputiesErrorCode.AlreadyVolunteer);
      }
      const volunteer =
        existing ??
        new Volunteer(
          em.getReference(Collective, collectiveId, { wrapped: true }),
          em.getReference(Member, memberId, { wrapped: true }),
          statement,
        );
      volunteer.withdrawnAt = null;
      volunteer.statement = statement.trim();
      volunteer.volunteeredAt = new Date();
      await em.persist(volunteer).flush();
      await this.record.append(em, collectiveId, 'deputy.volunteered', { memberId });
      return { id: volunteer.id };
    });
  }
}

@CommandHandler(WithdrawVolunteerCommand)
export class WithdrawVolunteerHandler implements ICommandHandler<WithdrawVolunteerCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, memberId }: WithdrawVolunteerCommand): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const volunteer = await em.findOne(Volunteer, { collective: collectiveId, member: memberId });
      if (!volunteer || volunteer.withdrawnAt !== null) {
        throw new LiquideError(DeputiesErrorCode.NotVolunteer, { field: 'memberId' });
      }
      volunteer.withdrawnAt = new Date();
      await em.flush();
      await this.record.append(em, collectiveId, 'deputy.volunteer_withdrawn', { memberId });
    });
  }
}

@CommandHandler(CertifyVolunteerCommand)
export class CertifyVolunteerHandler implements ICommandHandler<CertifyVolunteerCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: CertifyVolunteerCommand): Promise<void> {
    const { collectiveId, memberId, certifiedOn, training, byMemberId } = command;
    await this.em.fork().transactional(async (em) => {
      const member = await em.findOne(Member, { id: memberId, collective: collectiveId });
      if (!member) {
        throw new LiquideError(MemberErrorCode.MemberNotFound, { field: 'memberId' });
      }
      const volunteer = await em.findOne(Volunteer, { collective: collectiveId, member: memberId });
      if (!volunteer || volunteer.withdrawnAt !== null) {
        throw new LiquideError(DeputiesErrorCode.NotVolunteer, { field: 'memberId' });
      }
      volunteer.certify(certifiedOn, byMemberId, training);
      await em.flush();
      await this.record.append(em, collectiveId, 'deputy.certified', {
        memberId,
        certifiedOn,
        certifiedBy: byMemberId,
        training: volunteer.training,
      });
    });
  }
}
