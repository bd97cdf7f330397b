import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { MemberErrorCode } from '../members.errors';
import { LiquideError } from '../../errors/liquide-error';
import { recordProof } from '../../record/record-proof';
import { RecordService } from '../../record/record.service';
import { Member, type Role } from '../member.entity';
import {
  MemberDeactivatedEvent,
  MemberReactivatedEvent,
  MembershipFiguresChangedEvent,
} from '../members.events';
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
        throw new LiquideError(MemberErrorCode.MemberNotFound, { field: 'memberId' });
      }
      if (!command.grant && command.role === 'organiser' && member.has('organiser') && member.active) {
        await assertAnotherOrganiser(em, command.collectiveId, 'role');
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

/** Refuses to leave the collective without an active organiser (`field` names the change that would). */
async function assertAnotherOrganiser(em: EntityManager, collectiveId: string, field: string): Promise<void> {
  const organisers = await em.count(Member, {
    collective: collectiveId,
    active: true,
    roles: { $contains: ['organiser'] },
  });
  if (organisers <= 1) {
    throw new LiquideError(MemberErrorCode.LastOrganiser, { field });
  }
}

/**
 * Changes a membership. Deactivating takes every right away at once: the access policy stops
 * counting the membership, and `MemberDeactivatedEvent` makes its open sockets leave the
 * collective's rooms. Each change of activity is its own record event (a proof, never an address).
 */
@CommandHandler(UpdateMemberCommand)
export class UpdateMemberHandler implements ICommandHandler<UpdateMemberCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: UpdateMemberCommand): Promise<void> {
    const flipped = await this.em.fork().transactional(async (em) => {
      const member = await em.findOne(Member, { id: command.memberId, collective: command.collectiveId });
      if (!member) {
        throw new LiquideError(MemberErrorCode.MemberNotFound, { field: 'memberId' });
      }
      const { votingRights, weight, active, attributes, displayName } = command.changes;
      const wasActive = member.active;
      if (active === false && wasActive && member.has('organiser')) {
        await assertAnotherOrganiser(em, command.collectiveId, 'active');
      }
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
      if (active !== undefined && active !== wasActive) {
        await this.record.append(
          em,
          command.collectiveId,
          active ? 'member.reactivated' : 'member.deactivated',
          {
            proof: await recordProof(em, command.collectiveId, ['activity', member.id, active]),
          },
        );
        return active ? 'reactivated' : 'deactivated';
      }
      return null;
    });
    if (flipped === 'deactivated') {
      this.events.publish(new MemberDeactivatedEvent(command.collectiveId, command.memberId));
    } else if (flipped === 'reactivated') {
      this.events.publish(new MemberReactivatedEvent(command.collectiveId, command.memberId));
    }
    const { votingRights, weight, active } = command.changes;
    if (votingRights !== undefined || weight !== undefined || active !== undefined) {
      this.events.publish(new MembershipFiguresChangedEvent(command.collectiveId));
    }
  }
}
