import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Ballot } from '../../ballots/ballot.entity';
import { Collective } from '../../collectives/collective.entity';
import { BallotClosedEvent } from '../../ballots/ballots.events';
import { Member } from '../../members/member.entity';
import { RecordService } from '../../record/record.service';
import { sha256Hex } from '../../tally/sha256';
import { MandateInstruction } from '../entities/instruction.entity';
import type { SeatChoice, Seats, Totals } from '../../tally';
import { MANDATE_FORMAT, type MandatePayload } from './mandate-format';
import { InstructionsIssuedEvent } from './instructions-issued.event';
import { MandateKeysService } from './mandate-keys.service';

/** What an instruction carries of a closed ballot's result (null parts when the result is not a tally). */
interface InstructedFigures {
  method: boolean | null;
  instructions: { deputy: string; choice: SeatChoice }[] | null;
  totals: Totals | null;
  seats: Seats | null;
}

/** Record event listing the instructions issued for a ballot (with each JWS's SHA-256). */
export const INSTRUCTIONS_ISSUED = 'mandate.instructions_issued';

/**
 * When a ballot closes, issues one signed instruction per deputy of `result.instructions` whose id is a
 * member of the collective (the seated deputies bound by scenario-builder). Runs outside the request on its
 * own EntityManager fork; idempotent (a deputy already instructed for the ballot is skipped, and the
 * table's unique key backs it); failures are logged, never thrown.
 */
@EventsHandler(BallotClosedEvent)
export class IssueInstructionsHandler implements IEventHandler<BallotClosedEvent> {
  private readonly logger = new Logger('IssueInstructions');

  constructor(
    private readonly em: EntityManager,
    private readonly keys: MandateKeysService,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  handle(event: BallotClosedEvent): void {
    const started = performance.now();
    void this.issue(event).then(
      (count) =>
        count > 0 &&
        this.logger.log(
          `Issued ${count} instruction(s) for ballot ${event.ballotId} in ${Math.round(performance.now() - started)} ms`,
        ),
      (error: unknown) =>
        this.logger.error(
          `Instructions for ballot ${event.ballotId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    );
  }

  /** Issues the missing instructions of one closed ballot; returns how many were issued. */
  async issue(event: BallotClosedEvent): Promise<number> {
    const issued = await this.issueInTransaction(event);
    if (issued) {
      this.events.publish(issued);
    }
    return issued?.deputies.length ?? 0;
  }

  private issueInTransaction(event: BallotClosedEvent): Promise<InstructionsIssuedEvent | null> {
    return this.em.fork().transactional(async (em) => {
      // the result's voters and lost members (most of it, for a large ballot) are not read: only its figures
      const ballot = await em.findOne(
        Ballot,
        { id: event.ballotId, collective: event.collectiveId },
        { exclude: ['result'] },
      );
      const [figures] = await em.execute<InstructedFigures[]>(
        `select jsonb_exists(result, 'method') as method, result->'instructions' as instructions, result->'totals' as totals,
                result->'seats' as seats
           from ballot where id = ?`,
        [event.ballotId],
      );
      // only yes / no / abstain results bind the deputies (a method ballot's result has no seats)
      const result = figures && !figures.method ? figures : null;
      if (!ballot || ballot.status !== 'closed' || !result?.instructions || !result.seats || !result.totals) {
        return null;
      }
      const ids = result.instructions.map((instruction) => instruction.deputy);
      const members = await em.find(Member, {
        id: { $in: ids.filter(isUuid) },
        collective: event.collectiveId,
      });
      const byId = new Map(members.map((member) => [member.id, member]));
      const done = new Set(
        (await em.find(MandateInstruction, { ballotId: ballot.id }, { fields: ['member'] })).map(
          (i) => i.member.id,
        ),
      );
      const issuedAt = new Date();
      const issued: { deputy: string; choice: SeatChoice; kid: string; jwsSha256: string }[] = [];
      for (const instruction of result.instructions) {
        const member = byId.get(instruction.deputy);
        if (!member || done.has(member.id)) {
          continue;
        }
        const payload: MandatePayload = {
          format: MANDATE_FORMAT,
          collectiveId: event.collectiveId,
          billId: ballot.bill.id,
          ballotId: ballot.id,
          deputy: member.id,
          deputyName: member.displayName,
          choice: instruction.choice,
          totals: { ...result.totals },
          seats: { ...result.seats },
          resultHash: ballot.resultHash ?? event.resultHash,
          issuedAt: issuedAt.toISOString(),
        };
        const { jws, kid } = await this.keys.sign(em, payload);
        em.persist(
          new MandateInstruction({
            collective: em.getReference(Collective, event.collectiveId, { wrapped: true }),
            ballotId: ballot.id,
            billId: ballot.bill.id,
            member: em.getReference(Member, member.id, { wrapped: true }),
            choice: instruction.choice,
            kid,
            jws,
            issuedAt,
          }),
        );
        issued.push({
          deputy: member.id,
          choice: instruction.choice,
          kid,
          jwsSha256: sha256Hex(jws),
        });
      }
      if (issued.length > 0) {
        await em.flush();
        await this.record.append(em, event.collectiveId, INSTRUCTIONS_ISSUED, {
          ballotId: ballot.id,
          billId: ballot.bill.id,
          instructions: issued,
        });
      }
      return issued.length > 0
        ? new InstructionsIssuedEvent(
            event.collectiveId,
            ballot.id,
            ballot.bill.id,
            issued.map(({ deputy, choice }) => ({ memberId: deputy, choice })),
          )
        : null;
    });
  }
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
