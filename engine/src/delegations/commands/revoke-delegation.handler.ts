import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { DelegationErrorCode } from '../delegations.errors';
import { DelegationRevokedEvent } from '../delegations.events';
import { LiquideError } from '../../errors/liquide-error';
import { recordProof } from '../../record/record-proof';
import { RecordService } from '../../record/record.service';
import { claimRequest } from '../delegation-requests';
import { Delegation } from '../delegation.entity';
import { RevokeDelegationCommand } from './revoke-delegation.command';

@CommandHandler(RevokeDelegationCommand)
export class RevokeDelegationHandler implements ICommandHandler<RevokeDelegationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: RevokeDelegationCommand): Promise<void> {
    const event = await this.em.fork().transactional(async (em) => {
      const scopeKey = command.scope === 'global' ? 'global' : `${command.scope}:${command.target}`;
      if (command.requestId !== undefined) {
        const stored = await claimRequest(em, command.memberId, command.requestId, {
          action: 'revoke',
          collectiveId: command.collectiveId,
          scopeKey,
        });
        if (stored.replayed) {
          return null;
        }
      }
      const existing = await em.findOne(Delegation, { member: command.memberId, scopeKey });
      if (!existing) {
        throw new LiquideError(DelegationErrorCode.DelegationNotFound, { field: 'scope' });
      }
      const previousTrustees = existing.trustees;
      await em.remove(existing).flush();
      await this.record.append(em, command.collectiveId, 'delegation.revoked', {
        scope: command.scope,
        target: command.target,
        proof: await recordProof(em, command.collectiveId, [
          'delegation',
          command.memberId,
          existing.scopeKey,
          null,
        ]),
      });
      return new DelegationRevokedEvent(
        command.collectiveId,
        command.memberId,
        command.scope,
        command.target,
        previousTrustees,
      );
    });
    if (event) {
      this.events.publish(event);
    }
  }
}
