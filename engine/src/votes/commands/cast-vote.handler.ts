import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { ballotInputSchema, type BallotMethodId, type MethodOptionsBase } from '../../ballot-methods';
import { BallotErrorCode } from '../../ballots/ballots.errors';
import { LiquideError } from '../../errors/liquide-error';
import { parseInput } from '../../errors/validation';
import { canonicalJson } from '../../record/canonical-json';
import { VoteCastEvent } from '../votes.events';
import { VoteBatcher, type PoolClient } from '../vote-batcher';
import { explainedRefusal } from '../vote-refusal';
import { VoteErrorCode } from '../votes.errors';
import { CastVoteCommand, type VoteReceipt } from './cast-vote.command';

/**
 * The vote path: the `liquide_cast_vote` PostgreSQL function (see the migration
 * `Migration20261128000410CastVote`) — shared ballot lock, window and membership checks,
 * idempotency key, upsert of the one vote, receipt and record event — committed before the answer.
 * Under load, concurrent votes share one statement and one commit ({@link VoteBatcher}).
 * A method ballot's `ballot` is first checked against its method's rules and stored as canonical JSON
 * (the function refuses a choice of the other kind: `vote.wrong_method`).
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
    const ballot = command.choice === null ? await this.methodBallot(command) : null;
    const choice = ballot === null ? command.choice! : canonicalJson(ballot);
    const outcome = await this.batcher.cast({
      ballotId: command.ballotId,
      accountId: command.accountId,
      choice,
      requestId: command.requestId,
    });
    if ('error' in outcome) {
      if (outcome.error === 'vote.wrong_method') {
        const [row] = await this.em
          .fork()
          .execute<{ method: string }[]>('select method from ballot where id = ?', [command.ballotId]);
        throw new LiquideError(VoteErrorCode.WrongMethod, {
          field: 'choice',
          params: { method: row?.method ?? '?' },
        });
      }
      throw await explainedRefusal(this.em.fork(), outcome, command.ballotId, command.accountId);
    }
    const receipt = receiptOf(outcome.receipt);
    if (outcome.replayed) {
      await this.announceAgain(command);
      return { ...receipt, replayed: true };
    }
    this.events.publish(
      new VoteCastEvent(
        outcome.collectiveId,
        command.ballotId,
        outcome.memberId,
        ballot === null ? command.choice! : { ballot },
      ),
    );
    return receipt;
  }

  /**
   * A request seen before is answered from its stored receipt. Its first attempt may have been
   * committed by an instance that died before telling the others (the client retries because that
   * answer never came): the voter's vote as it stands now is announced again, so that the live
   * tallies of every instance converge. Setting a vote to its current value changes nothing where
   * the first announcement did arrive.
   */
  private async announceAgain(command: CastVoteCommand): Promise<void> {
    const [row] = await this.em
      .fork()
      .execute<{ member_id: string; collective_id: string; choice: string }[]>(
        `select v.member_id, b.collective_id, v.choice from vote v
         join ballot b on b.id = v.ballot_id
         join member m on m.id = v.member_id
        where v.ballot_id = ? and m.account_id = ?`,
        [command.ballotId, command.accountId],
      );
    if (row) {
      const choice = row.choice.startsWith('{')
        ? { ballot: JSON.parse(row.choice) as unknown }
        : (row.choice as 'yes' | 'no' | 'abstain');
      this.events.publish(new VoteCastEvent(row.collective_id, command.ballotId, row.member_id, choice));
    }
  }

  /** The voter's ballot, checked against the ballot's method and options (400 naming the field). */
  private async methodBallot(command: CastVoteCommand): Promise<unknown> {
    const [row] = await this.em
      .fork()
      .execute<{ method: BallotMethodId; method_options: MethodOptionsBase | null }[]>(
        'select method, method_options from ballot where id = ?',
        [command.ballotId],
      );
    if (!row) {
      throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
    }
    if (row.method === 'yes-no-abstain' || !row.method_options) {
      throw new LiquideError(VoteErrorCode.WrongMethod, {
        field: 'ballot',
        params: { method: row.method },
      });
    }
    const schema = z.strictObject({
      ballot: ballotInputSchema({ id: row.method, options: row.method_options }),
    });
    return parseInput(schema, { ballot: command.ballot }).ballot;
  }
}

/** A method ballot's receipt shows the ballot (stored as canonical JSON in `choice`). */
function receiptOf(receipt: VoteReceipt): VoteReceipt {
  const stored = receipt.choice as string | undefined;
  if (stored === undefined || !stored.startsWith('{')) {
    return receipt;
  }
  const { choice: _choice, ...rest } = receipt;
  return { ...rest, ballot: JSON.parse(stored) as unknown };
}
