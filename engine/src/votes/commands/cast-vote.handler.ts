import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { VoteCastEvent } from '../../domain/domain.events';
import { refusalError, type Refusal } from '../vote-refusal';
import { CastVoteCommand, type VoteReceipt } from './cast-vote.command';

type Outcome =
  | Refusal
  | { replayed: true; receipt: VoteReceipt }
  | { replayed: false; receipt: VoteReceipt; collectiveId: string; memberId: string };

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: { outcome: Outcome }[] }>;
}

interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/**
 * The vote path: one call of the `liquide_cast_vote` PostgreSQL function (one round trip, one
 * transaction, committed before the answer) — shared ballot lock, window and membership checks,
 * idempotency key, upsert of the one vote, receipt and record event. See the migration
 * `Migration20261128000410CastVote` for the statement itself. It borrows a connection from the
 * ORM's pool and sends the prepared statement directly: this is the hottest path of the server.
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand> {
  private readonly pool: PoolClient;

  constructor(
    em: EntityManager,
    private readonly events: EventBus,
  ) {
    this.pool = em.getConnection().getKnex().client as PoolClient;
  }

  async execute(command: CastVoteCommand): Promise<VoteReceipt> {
    const connection = await this.pool.acquireConnection();
    let outcome: Outcome;
    try {
      const result = await connection.query('select liquide_cast_vote($1, $2, $3, $4) as outcome', [
        command.ballotId,
        command.email.toLowerCase(),
        command.choice,
        command.requestId,
      ]);
      outcome = result.rows[0].outcome;
    } finally {
      await this.pool.releaseConnection(connection);
    }
    if ('error' in outcome) {
      throw refusalError(outcome);
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
