import { sha256Hex } from '../../tally/sha256';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { VoteErrorCode } from '../votes.errors';
import { VoteWithdrawnEvent } from '../votes.events';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import type { Choice } from '../../tally';
import { explainedRefusal, type Refusal } from '../vote-refusal';
import { WithdrawVoteCommand } from './withdraw-vote.command';

type Voter = Refusal | { collectiveId: string; memberId: string; secret: string };

@CommandHandler(WithdrawVoteCommand)
export class WithdrawVoteHandler implements ICommandHandler<WithdrawVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: WithdrawVoteCommand): Promise<void> {
    const event = await this.em.fork().transactional(async (em) => {
      const [{ voter }] = await em.execute<{ voter: Voter }[]>(
        'select liquide_voter(?::uuid, ?::uuid) as voter',
        [command.ballotId, command.accountId],
      );
      if ('error' in voter) {
        throw await explainedRefusal(em, voter, command.ballotId, command.accountId);
      }
      const [removed] = await em.execute<{ choice: Choice }[]>(
        'delete from vote where ballot_id = ? and member_id = ? returning choice',
        [command.ballotId, voter.memberId],
      );
      if (!removed) {
        throw new LiquideError(VoteErrorCode.NoVote, { field: 'ballotId' });
      }
      const at = new Date().toISOString();
      const proof = sha256Hex([voter.secret, command.ballotId, voter.memberId, 'withdrawn', at].join(':'));
      await this.record.append(em, voter.collectiveId, 'vote.withdrawn', {
        ballotId: command.ballotId,
        proof,
      });
      return new VoteWithdrawnEvent(voter.collectiveId, command.ballotId, voter.memberId, removed.choice);
    });
    this.events.publish(event);
  }
}
