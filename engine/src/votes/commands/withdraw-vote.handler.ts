import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { DomainErrorCode } from '../../domain/domain.errors';
import { VoteWithdrawnEvent } from '../../domain/domain.events';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import type { Choice } from '../../tally';
import { ballotLockSql, checkVoter } from '../voter-check';
import { WithdrawVoteCommand } from './withdraw-vote.command';

@CommandHandler(WithdrawVoteCommand)
export class WithdrawVoteHandler implements ICommandHandler<WithdrawVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: WithdrawVoteCommand): Promise<void> {
    const event = await this.em.fork().transactional(async (em) => {
      await em.execute(ballotLockSql('shared'), [command.ballotId]);
      const voter = await checkVoter(em, command.ballotId, command.email);
      const [removed] = await em.execute<{ choice: Choice }[]>(
        'delete from vote where ballot_id = ? and member_id = ? returning choice',
        [command.ballotId, voter.memberId],
      );
      if (!removed) {
        throw new LiquideError(DomainErrorCode.NoVote, { field: 'ballotId' });
      }
      await this.record.append(em, voter.collectiveId, 'vote.withdrawn', {
        ballotId: command.ballotId,
        memberId: voter.memberId,
      });
      return new VoteWithdrawnEvent(voter.collectiveId, command.ballotId, voter.memberId, removed.choice);
    });
    this.events.publish(event);
  }
}
