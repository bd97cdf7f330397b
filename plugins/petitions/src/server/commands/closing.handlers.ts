import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  CreateBallotCommand,
  CreateBillCommand,
  LiquideError,
  OpenBallotCommand,
  RecordService,
} from '@liquide/engine';
import { PetitionThresholdReached } from '../entities/petition-parts.entity';
import { Petition } from '../entities/petition.entity';
import { answerView, expectStatus, lockPetition, reachedThresholds } from '../petition-state';
import { PetitionErrorCode } from '../petitions.errors';
import {
  AnswerPetitionCommand,
  ApplyBindingEffectCommand,
  ClosePetitionCommand,
  PetitionChangedEvent,
} from './petition.commands';

@CommandHandler(ClosePetitionCommand)
export class ClosePetitionHandler implements ICommandHandler<ClosePetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, onlyIfDue }: ClosePetitionCommand) {
    const now = new Date();
    const closed = await this.em.fork().transactional(async (em) => {
      const petition = await lockPetition(em, petitionId);
      expectStatus(petition, 'open');
      if (onlyIfDue && petition.closesAt && petition.closesAt > now) {
        return undefined;
      }
      petition.status = petition.answeredAt ? 'answered' : 'closed';
      petition.closedAt = now;
      petition.version += 1;
      const reached = await reachedThresholds(em, petitionId);
      await this.record.append(em, petition.collective.id, 'petition.closed', {
        petitionId,
        signatures: petition.signatureCount,
        regions: petition.regionCounts,
        thresholds: reached.map((row) => ({ id: row.thresholdId, reachedAt: row.reachedAt.toISOString() })),
      });
      await em.flush();
      return petition.collective.id;
    });
    if (closed) {
      this.events.publish(new PetitionChangedEvent(closed, petitionId));
    }
    return { closed: closed !== undefined };
  }
}

@CommandHandler(AnswerPetitionCommand)
export class AnswerPetitionHandler implements ICommandHandler<AnswerPetitionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, input }: AnswerPetitionCommand) {
    const petition = await this.em.fork().transactional(async (em) => {
      const found = await lockPetition(em, petitionId);
      expectStatus(found, 'open', 'closed');
      found.answerText = input.text;
      found.answerBy = input.by;
      found.answeredAt = new Date();
      if (found.status === 'closed') {
        found.status = 'answered';
      }
      found.version += 1;
      const answer = answerView(found);
      await this.record.append(em, found.collective.id, 'petition.answered', {
        petitionId,
        by: input.by,
        text: input.text,
        dueAt: answer.dueAt,
        onTime: answer.onTime,
      });
      await em.flush();
      return found;
    });
    this.events.publish(new PetitionChangedEvent(petition.collective.id, petitionId));
    return { status: petition.status, onTime: answerView(petition).onTime };
  }
}

/**
 * The `binding` effect, through the engine's command bus only: the linked bill (or a new bill made of
 * the petition's text) gets a ballot, opened at once for `ballotDurationDays`. Idempotent: the
 * threshold row is locked and remembers its ballot.
 */
@CommandHandler(ApplyBindingEffectCommand)
export class ApplyBindingEffectHandler implements ICommandHandler<ApplyBindingEffectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ petitionId, thresholdId }: ApplyBindingEffectCommand) {
    const outcome = await this.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ ballot_id: string | null }[]>(
        'select ballot_id from petition_threshold where petition_id = ? and threshold_id = ? for update',
        [petitionId, thresholdId],
      );
      if (!row) {
        throw new LiquideError(PetitionErrorCode.NotFound, { field: 'thresholdId' });
      }
      if (row.ballot_id) {
        return { ballotId: row.ballot_id, collectiveId: undefined };
      }
      const petition = await em.findOneOrFail(Petition, { id: petitionId });
      const threshold = petition.rules.phases.collection.thresholds.find((t) => t.id === thresholdId);
      if (threshold?.effect !== 'binding') {
        throw new LiquideError(PetitionErrorCode.NotFound, { field: 'thresholdId' });
      }
      const collectiveId = petition.collective.id;
      const billId =
        petition.billId ??
        (
          await this.commands.execute(
            new CreateBillCommand(collectiveId, {
              title: petition.title,
              summary: `Pétition adressée à ${petition.addressee}`,
              topicId: null,
              articles: [{ heading: '', text: petition.text }],
            }),
          )
        ).id;
      const opensAt = new Date();
      const { id: ballotId } = await this.commands.execute(
        new CreateBallotCommand(collectiveId, {
          billId,
          opensAt,
          closesAt: new Date(opensAt.getTime() + threshold.ballotDurationDays * 86_400_000),
        }),
      );
      await this.commands.execute(new OpenBallotCommand(ballotId));
      await em.nativeUpdate(PetitionThresholdReached, { petition: petitionId, thresholdId }, { ballotId });
      if (!petition.billId) {
        petition.billId = billId;
      }
      petition.version += 1;
      await this.record.append(em, collectiveId, 'petition.binding_ballot', {
        petitionId,
        thresholdId,
        billId,
        ballotId,
      });
      await em.flush();
      return { ballotId, collectiveId };
    });
    if (outcome.collectiveId) {
      this.events.publish(new PetitionChangedEvent(outcome.collectiveId, petitionId));
    }
    return { ballotId: outcome.ballotId };
  }
}
