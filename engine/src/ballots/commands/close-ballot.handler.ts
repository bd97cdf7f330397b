import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { BallotErrorCode } from '../ballots.errors';
import { BallotClosedEvent } from '../ballots.events';
import { LiquideError } from '../../errors/liquide-error';
import { canonicalJson } from '../../record/canonical-json';
import { RecordService } from '../../record/record.service';
import type { MethodTallyResult } from '../../ballot-methods';
import { sha256Hex, type TallyResult } from '../../tally';
import { computeBallot } from '../ballot-tally';
import { ballotLockSql } from '../../votes/voter-check';
import { Ballot } from '../ballot.entity';
import { loadBallotSnapshot } from '../scenario-builder';
import { CloseBallotCommand } from './ballot.commands';

/**
 * Takes the ballot's lock exclusively (in-flight votes finish first, later ones see it closed),
 * tallies the pseudonymised snapshot with the tally core and stores the result once.
 */
@CommandHandler(CloseBallotCommand)
export class CloseBallotHandler implements ICommandHandler<CloseBallotCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(
    command: CloseBallotCommand,
  ): Promise<{ result: TallyResult | MethodTallyResult; resultHash: string }> {
    const outcome = await this.em.fork().transactional(async (em) => {
      await em.execute(ballotLockSql('exclusive'), [command.ballotId]);
      const ballot = await em.findOne(
        Ballot,
        { id: command.ballotId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!ballot) {
        throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
      }
      if (ballot.status !== 'open') {
        throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
          params: { status: ballot.status, expected: 'open' },
        });
      }
      const closedAt = command.onlyIfDue ? ballot.closesAt : new Date();
      if (command.onlyIfDue && closedAt.getTime() > Date.now()) {
        return null;
      }
      const snapshot = await loadBallotSnapshot(em, ballot.id, closedAt);
      if (!snapshot) {
        throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
      }
      const { live, result, scenario } = computeBallot(snapshot, { pseudonymised: true });
      const { turnout, delegatedShare } = live.stats();
      const resultHash = sha256Hex(canonicalJson(result));
      ballot.status = 'closed';
      ballot.closedAt = closedAt;
      ballot.result = result;
      ballot.resultHash = resultHash;
      ballot.resultStats = { turnout, delegatedShare };
      await em.flush();
      await this.record.append(em, snapshot.collectiveId, 'ballot.closed', {
        ballotId: ballot.id,
        billId: ballot.bill.id,
        closedAt: closedAt.toISOString(),
        scenario,
        result,
        resultHash,
      });
      return { collectiveId: snapshot.collectiveId, result, resultHash };
    });
    if (!outcome) {
      throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
        params: { status: 'open', expected: 'due' },
      });
    }
    await this.record.sealNow(outcome.collectiveId);
    this.events.publish(new BallotClosedEvent(outcome.collectiveId, command.ballotId, outcome.resultHash));
    return { result: outcome.result, resultHash: outcome.resultHash };
  }
}
