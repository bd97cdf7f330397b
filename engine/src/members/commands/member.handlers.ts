import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainErrorCode } from '../../domain/domain.errors';
import { LiquideError } from '../../errors/liquide-error';
import { recordProof } from '../../domain/record-proof';
import { RecordService } from '../../record/record.service';
import { Member, type Role } from '../member.entity';
import { ChangeRoleCommand, UpdateMemberCommand } from './member.commands';

@CommandHandler(ChangeRoleCommand)
export class ChangeRoleHandler implements ICommandHandler<ChangeRoleCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: ChangeRoleCommand): Promise<{ roles: Role[] }> {
    return this.em.fork().transactional(async (em) => {
      const member = await em.findOne(Member, { id: command.memberId, collective: command.collectiveId });
      if (!member) {
        throw new LiquideError(DomainErrorCode.MemberNotFound, { field: 'memberId' });
      }
      if (!command.grant && command.role === 'organiser' && member.has('organiser')) {
        const organisers = await em.count(Member, {
          collective: command.collectiveId,
          roles: { $contains: ['organiser'] },
        });
        if (organisers <= 1) {
          throw new LiquideError(DomainErrorCode.LastOrganiser, { field: 'role' });
        }
      }
      const roles = new Set(member.roles);
      if (command.grant) {
        roles.add(command.role);
      } else {
        roles.delete(command.role);
      }
      member.roles = [...roles];
      await em.flush();
      await this.record.append(em, command.collectiveId, command.grant ? 'role.granted' : 'role.revoked', {
        role: command.role,
        proof: await recordProof(em, command.collectiveId, ['role', member.id, command.role, command.grant]),
      });
      return { roles: member.roles };
    });
  }
}

@CommandHandler(UpdateMemberCommand)
export class UpdateMemberHandler implements ICommandHandler<UpdateMemberCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute(command: UpdateMemberCommand): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const member = await em.findOne(Member, { id: command.memberId, collective: command.collectiveId });
      if (!member) {
        throw new LiquideError(DomainErrorCode.MemberNotFound, { field: 'memberId' });
      }
      const { votingRights, weight, active, attributes, displayName } = command.changes;
      if (votingRights !== undefined) {
        member.votingRights = votingRights;
      }
      if (weight !== undefined) {
        member.weight = weight;
      }
      if (active !== undefined) {
        member.active = active;
      }
      if (attributes !== undefined) {
        member.attributes = attributes;
      }
      if (displayName !== undefined) {
        member.displayName = displayName;
      }
      await em.flush();
      await this.record.append(em, command.collectiveId, 'member.updated', {
        proof: await recordProof(em, command.collectiveId, [
          'member',
          member.id,
          votingRights,
          weight,
          active,
        ]),
      });
    });
  }
}
