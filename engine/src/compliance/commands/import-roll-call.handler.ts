import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError } from '../../errors/liquide-error';
import { MandateInstruction } from '../../deputies/entities/instruction.entity';
import { RecordService } from '../../record/record.service';
import { sha256Hex } from '../../tally/sha256';
import { ActualVoteWriter, type ActualVoteWrite } from '../actual-vote-writer';
import { ActualVotesRecordedEvent, ROLL_CALL_IMPORTED } from '../compliance-events';
import { ComplianceErrorCode, RollCallRefusedError } from '../compliance.errors';
import { ParliamentId } from '../entities/actual-vote.entity';
import {
  parseAnScrutin,
  parseRollCallCsv,
  type RollCallProblem,
  type RollCallRow,
} from '../roll-call/roll-call';
import { recorded } from './actual-vote.handlers';
import { ImportRollCallCommand, type RollCallImported } from './compliance.commands';

/**
 * Imports a roll call for one instructed ballot, all or nothing: every row is read and matched first; a
 * row that cannot be read — or, in a CSV, names an identifier no Liquide deputy holds — refuses the whole
 * file (422, one problem per row). Then, in one transaction, each instructed deputy found gets an
 * `imported` vote (scrutin JSON: a mapped deputy in no list was absent).
 */
@CommandHandler(ImportRollCallCommand)
export class ImportRollCallHandler implements ICommandHandler<ImportRollCallCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly writer: ActualVoteWriter,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ ballotId, organiser, input }: ImportRollCallCommand): Promise<RollCallImported> {
    const parsed = input.format === 'csv' ? parseRollCallCsv(input.content) : parseAnScrutin(input.content);
    let collectiveId = '';
    const outcome = await this.em.fork().transactional(async (em) => {
      const instructions = await em.find(MandateInstruction, { ballotId });
      if (instructions.length === 0) {
        throw new LiquideError(ComplianceErrorCode.NoInstructions, { field: 'ballotId' });
      }
      collectiveId = instructions[0].collective.id;
      const billId = instructions[0].billId;
      await this.writer.lock(em, collectiveId);
      const mapped = await em.find(ParliamentId, { collective: collectiveId });
      const memberOf = new Map(mapped.map((m) => [m.parliamentId, m.member.id]));
      const instructed = new Set(instructions.map((i) => i.member.id));
      const problems: RollCallProblem[] = [...parsed.problems];
      const unmatched: RollCallImported['unmatched'][number][] = [];
      const found = new Map<string, RollCallRow>();
      for (const row of parsed.rows) {
        const deputy = memberOf.get(row.parliamentId);
        const seen = deputy ? found.get(deputy) : undefined;
        if (seen) {
          problems.push({
            row: row.row,
            where: row.where,
            parliamentId: row.parliamentId,
            rule: 'duplicate',
            message: {
              fr: `${row.parliamentId} figure déjà (${seen.where})`,
              en: `${row.parliamentId} is already listed (${seen.where})`,
            },
          });
        } else if (deputy && instructed.has(deputy)) {
          found.set(deputy, row);
        } else if (input.format === 'csv') {
          problems.push({
            row: row.row,
            where: row.where,
            parliamentId: row.parliamentId,
            rule: 'unknown_id',
            message: deputy
              ? {
                  fr: `${row.parliamentId} n’a pas reçu de consigne pour ce scrutin`,
                  en: `${row.parliamentId} received no instruction for this ballot`,
                }
              : {
                  fr: `Aucun député de Liquide n’a l’identifiant ${row.parliamentId}`,
                  en: `No Liquide deputy has the identifier ${row.parliamentId}`,
                },
          });
        } else {
          unmatched.push({ row: row.row, where: row.where, parliamentId: row.parliamentId });
        }
      }
      if (problems.length > 0) {
        throw new RollCallRefusedError(problems.sort((a, b) => a.row - b.row));
      }
      const idOf = new Map(mapped.map((m) => [m.member.id, m.parliamentId]));
      const unmapped = [...instructed].filter((deputy) => !idOf.has(deputy)).sort();
      const votedOn = input.votedOn ?? parsed.date ?? null;
      const writes: ActualVoteWrite[] = [];
      for (const deputy of [...instructed].sort()) {
        const row = found.get(deputy);
        if (!row && (!parsed.complete || !idOf.has(deputy))) {
          continue;
        }
        writes.push({
          ballotId,
          billId,
          deputy,
          vote: row?.vote ?? 'absent',
          source: 'imported',
          votedOn,
          rollCallUrl: input.rollCallUrl ?? null,
          checkedBy: organiser,
        });
      }
      await this.record.append(em, collectiveId, ROLL_CALL_IMPORTED, {
        ballotId,
        billId,
        format: input.format,
        contentSha256: sha256Hex(input.content),
        reference: parsed.reference ?? null,
        rows: parsed.rows.length,
        matched: writes.length,
        unmatched: unmatched.length,
      });
      const payloads = writes.length > 0 ? await this.writer.write(em, collectiveId, writes) : [];
      await em.flush();
      return { ...recorded(payloads), rows: parsed.rows.length, unmatched, unmapped };
    });
    this.events.publish(
      new ActualVotesRecordedEvent(
        collectiveId,
        ballotId,
        outcome.votes.map((v) => v.deputy),
      ),
    );
    return outcome;
  }
}
