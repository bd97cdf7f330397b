import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { VoteCastEvent } from '../votes.events';
import { VoteBatcher, type PoolClient } from '../vote-batcher';
import { explainedRefusal } from '../vote-refusal';
import { CastVoteCommand, type VoteReceipt } from './cast-vote.command';

/**
 * The vote path: the `liquide_cast_vote` PostgreSQL function (see the migration
 * `Migration20261128000410CastVote`) — shared ballot lock, window and membership checks,
 * idempotency key, upsert of the one vote, receipt and record event — committed before the answer.
 * Under load, concurrent votes share one statement and one commit ({@link VoteBatcher}).
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand> {
  private readonly batcher: VoteBatcher;

  constructor(
    private readonly em: EntityManager,
    private readonly events: EventBus,
  ) {
    this.batcher = new VoteBatcher(em.getConnection().getKnex().client as PoolClient);
  }

  async execute(command: CastVoteCommand): Promise<VoteReceipt> {
    const outcome = await this.batcher.cast(command);
    if ('error' in outcome) {
      throw await explainedRefusal(this.em.fork(), outcome, command.ballotId, command.accountId);
    }
    if (outcome.replayed) {
      return { ...outcome.receipt, replayed: true };
    }
    this.events.publish(
      new VoteCastEvent(outcome.collectiveId, command.ballotId, outcome.memberId, command.choice),
    );
    return outcome.receipt;
  }
}
