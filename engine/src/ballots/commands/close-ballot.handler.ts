import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { BallotErrorCode } from '../ballots.errors';
import { BallotClosedEvent } from '../ballots.events';
import { LiquideError } from '../../errors/liquide-error';
import { canonicalJson, canonicalObjectOfTexts } from '../../record/canonical-json';
import { sha256HexInSlices } from '../../record/large-text-hash';
import { BALLOT_CLOSED } from '../../record/record-format';
import { RecordService } from '../../record/record.service';
import type { MethodTallyResult } from '../../ballot-methods';
import type { TallyResult } from '../../tally';
import { computeBallot } from '../ballot-tally';
import { ballotLockSql } from '../../votes/voter-check';
import { Ballot } from '../ballot.entity';
import { loadClosingSnapshot } from '../closing-snapshot';
import { storedFigures } from '../result-figures';
import { ClosePhases } from '../close-phases';
import { CloseBallotCommand } from './ballot.commands';

/** The caller's knex transaction, for statements with bound parameters (MikroORM's `execute` inlines them). */
interface Transaction {
  raw(sql: string, bindings: unknown[]): Promise<unknown>;
}

/**
 * Takes the ballot's lock exclusively (in-flight votes finish first, later ones see it closed),
 * tallies the pseudonymised snapshot with the tally core and stores the result once.
 *
 * Built for a million members (docs/performance.md, "Closing from PostgreSQL"): the snapshot is read as
 * rows of text, the result and the record payload are written once as canonical JSON (the result's hash
 * and the record's are taken from those texts) and stored with bound parameters, not through ORM entities.
 */
@CommandHandler(CloseBallotCommand)
export class CloseBallotHandler implements ICommandHandler<CloseBallotCommand> {
  private readonly logger = new Logger('CloseBallot');

  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(
    command: CloseBallotCommand,
  ): Promise<{ result: TallyResult | MethodTallyResult; resultHash: string }> {
    const phases = new ClosePhases();
    let recordId: string | undefined;
    const outcome = await this.em
      .fork()
      .transactional(async (em) => {
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
        phases.mark('lock');
        // pseudonymised as it is read: the tally runs on the record's scenario itself
        const snapshot = await loadClosingSnapshot(em, ballot.id, closedAt);
        if (!snapshot) {
          throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
        }
        phases.mark('snapshot');
        const { live, result, scenario } = computeBallot(snapshot, { pseudonymised: false });
        const { turnout, delegatedShare } = live.stats();
        phases.mark('tally');
        const resultText = canonicalJson(result);
        const resultHash = await sha256HexInSlices(resultText);
        const transaction = em.getTransactionContext<Transaction>()!;
        // the whole result as text (not parsed by PostgreSQL), its figures as jsonb for the views
        await transaction.raw(
          `update ballot set status = 'closed', closed_at = ?, result = ?::jsonb, result_text = ?,
                  result_hash = ?, result_stats = ?::jsonb where id = ?`,
          [
            closedAt,
            canonicalJson(storedFigures(result)),
            resultText,
            resultHash,
            JSON.stringify({ turnout, delegatedShare }),
            ballot.id,
          ],
        );
        phases.mark('result');
        const lookup = {
          ballotId: ballot.id,
          billId: ballot.bill.id,
          closedAt: closedAt.toISOString(),
          resultHash,
        };
        const payloadText = canonicalObjectOfTexts({
          ballotId: JSON.stringify(lookup.ballotId),
          billId: JSON.stringify(lookup.billId),
          closedAt: JSON.stringify(lookup.closedAt),
          scenario: canonicalJson(scenario),
          result: resultText,
          resultHash: JSON.stringify(resultHash),
        });
        recordId = await this.record.appendCanonical(
          em,
          snapshot.collectiveId,
          BALLOT_CLOSED,
          payloadText,
          lookup,
        );
        phases.mark('record');
        return { collectiveId: snapshot.collectiveId, result, resultHash };
      })
      .catch((error: unknown) => {
        if (recordId !== undefined) {
          this.record.forgetPayloadText(recordId);
        }
        throw error;
      });
    phases.mark('commit');
    if (!outcome) {
      throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
        params: { status: 'open', expected: 'due' },
      });
    }
    await this.record.sealNow(outcome.collectiveId);
    // sealed now, or by another instance, or later from the stored text: this copy is no longer needed
    if (recordId !== undefined) {
      this.record.forgetPayloadText(recordId);
    }
    phases.mark('seal');
    this.events.publish(new BallotClosedEvent(outcome.collectiveId, command.ballotId, outcome.resultHash));
    this.logger.log(`Closed ballot ${command.ballotId} ${phases.describe()}`);
    return { result: outcome.result, resultHash: outcome.resultHash };
  }
}
