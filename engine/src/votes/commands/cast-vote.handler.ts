import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { VoteCastEvent } from '../../domain/domain.events';
import type { Choice } from '../../tally';
import { refusalError, type Refusal } from '../vote-refusal';
import { CastVoteCommand, type VoteReceipt } from './cast-vote.command';

type Outcome =
  | Refusal
  | { replayed: true; receipt: VoteReceipt }
  | {
      replayed: false;
      receipt: VoteReceipt;
      collectiveId: string;
      memberId: string;
      previous: Choice | null;
    };

/**
 * The vote path: one call of the `liquide_cast_vote` PostgreSQL function (one round trip, one
 * transaction, committed before the answer) — shared ballot lock, window and membership checks,
 * idempotency key, upsert of the one vote, receipt and record event. See the migration
 * `Migration20261128000410CastVote` for the statement itself.
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventBus,
  ) {}

  async execute(command: CastVoteCommand): Promise<VoteReceipt> {
    const rows = await this.em
      .getConnection()
      .execute<{ outcome: Outcome }[]>('select liquide_cast_vote(?, ?, ?, ?) as outcome', [
        command.ballotId,
        command.email.toLowerCase(),
        command.choice,
        command.requestId,
      ]);
    const outcome = rows[0].outcome;
    if ('error' in outcome) {
      throw refusalError(outcome);
    }
    if (outcome.replayed) {
      return { ...outcome.receipt, replayed: true };
    }
    this.events.publish(
      new VoteCastEvent(
        outcome.collectiveId,
        command.ballotId,
        outcome.memberId,
        command.choice,
        outcome.previous,
      ),
    );
    return outcome.receipt;
  }
}
