import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { DomainErrorCode } from '../../domain/domain.errors';
import { VoteCastEvent } from '../../domain/domain.events';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import type { Choice } from '../../tally';
import { ballotLockSql, checkVoter } from '../voter-check';
import { CastVoteCommand, type VoteReceipt } from './cast-vote.command';

interface StoredRequest {
  ballot_id: string;
  response: VoteReceipt;
}

/**
 * The vote path, in one transaction committed before the answer: idempotency key, window and
 * membership check under the ballot's shared lock, upsert of the one vote, record event.
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: CastVoteCommand): Promise<VoteReceipt> {
    const outcome = await this.em.fork().transactional(async (em) => {
      await em.execute(ballotLockSql('shared'), [command.ballotId]);
      const voter = await checkVoter(em, command.ballotId, command.email);
      const claimed = await em.execute<unknown[]>(
        `insert into vote_request (member_id, request_id, ballot_id, response) values (?, ?, ?, '{}')
         on conflict do nothing returning 1`,
        [voter.memberId, command.requestId, command.ballotId],
      );
      if (claimed.length === 0) {
        const [stored] = await em.execute<StoredRequest[]>(
          'select ballot_id, response from vote_request where member_id = ? and request_id = ?',
          [voter.memberId, command.requestId],
        );
        if (stored.ballot_id !== command.ballotId) {
          throw new LiquideError(DomainErrorCode.RequestIdReused, { field: 'requestId' });
        }
        return { receipt: { ...stored.response, replayed: true }, event: null };
      }
      const [previous] = await em.execute<{ choice: Choice }[]>(
        'select choice from vote where ballot_id = ? and member_id = ? for update',
        [command.ballotId, voter.memberId],
      );
      const [stored] = await em.execute<{ cast_at: Date }[]>(
        `insert into vote (id, ballot_id, member_id, choice) values (gen_random_uuid(), ?, ?, ?)
         on conflict (ballot_id, member_id) do update set choice = excluded.choice, cast_at = now()
         returning cast_at`,
        [command.ballotId, voter.memberId, command.choice],
      );
      const receipt: VoteReceipt = {
        ballotId: command.ballotId,
        choice: command.choice,
        castAt: new Date(stored.cast_at).toISOString(),
        requestId: command.requestId,
        replayed: false,
      };
      await em.execute('update vote_request set response = ? where member_id = ? and request_id = ?', [
        JSON.stringify(receipt),
        voter.memberId,
        command.requestId,
      ]);
      await this.record.append(em, voter.collectiveId, 'vote.cast', {
        ballotId: command.ballotId,
        memberId: voter.memberId,
        choice: command.choice,
      });
      const event = new VoteCastEvent(
        voter.collectiveId,
        command.ballotId,
        voter.memberId,
        command.choice,
        previous?.choice ?? null,
      );
      return { receipt, event };
    });
    if (outcome.event) {
      this.events.publish(outcome.event);
    }
    return outcome.receipt;
  }
}
