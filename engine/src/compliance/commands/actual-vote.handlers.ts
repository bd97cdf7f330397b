import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError } from '../../errors/liquide-error';
import { MandateInstruction } from '../../deputies/entities/instruction.entity';
import { ActualVoteWriter, type ActualVoteWrite } from '../actual-vote-writer';
import { ActualVotesRecordedEvent, type VoteRecordedPayload } from '../compliance-events';
import { ComplianceErrorCode } from '../compliance.errors';
import { ActualVote } from '../entities/actual-vote.entity';
import {
  ConfirmActualVoteCommand,
  DeclareActualVoteCommand,
  type RecordedVotes,
} from './compliance.commands';

export function recorded(payloads: readonly VoteRecordedPayload[]): RecordedVotes {
  return {
    votes: payloads.map(({ deputy, vote, source, compliance }) => ({ deputy, vote, source, compliance })),
  };
}

/** The deputy's instruction on the ballot, or 403 `compliance.not_instructed`. */
async function instructionOf(
  em: EntityManager,
  ballotId: string,
  deputy: string,
): Promise<MandateInstruction> {
  const instruction = await em.findOne(MandateInstruction, { ballotId, member: deputy });
  if (!instruction) {
    throw new LiquideError(ComplianceErrorCode.NotInstructed, { field: 'ballotId' });
  }
  return instruction;
}

/** A deputy's declaration: pending until an organiser confirms it; the explanation may change later. */
@CommandHandler(DeclareActualVoteCommand)
export class DeclareActualVoteHandler implements ICommandHandler<DeclareActualVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly writer: ActualVoteWriter,
    private readonly events: EventBus,
  ) {}

  async execute({ ballotId, deputy, input }: DeclareActualVoteCommand): Promise<RecordedVotes> {
    let collectiveId = '';
    const payloads = await this.em.fork().transactional(async (em) => {
      const instruction = await instructionOf(em, ballotId, deputy);
      collectiveId = instruction.collective.id;
      await this.writer.lock(em, collectiveId);
      const existing = await em.findOne(ActualVote, { ballotId, member: deputy });
      const checked = existing && existing.source !== 'declared';
      if (checked && existing.vote !== input.vote) {
        throw new LiquideError(ComplianceErrorCode.AlreadyChecked, { field: 'vote' });
      }
      const write: ActualVoteWrite = {
        ballotId,
        billId: instruction.billId,
        deputy,
        vote: input.vote,
        source: checked ? existing.source : 'declared',
        votedOn: input.votedOn,
        rollCallUrl: input.rollCallUrl ?? null,
        explanation: input.explanation === undefined || input.explanation === '' ? null : input.explanation,
      };
      return this.writer.write(em, collectiveId, [write]);
    });
    this.events.publish(new ActualVotesRecordedEvent(collectiveId, ballotId, [deputy]));
    return recorded(payloads);
  }
}

/** An organiser confirms what the deputy declared (or records the vote when nothing was declared). */
@CommandHandler(ConfirmActualVoteCommand)
export class ConfirmActualVoteHandler implements ICommandHandler<ConfirmActualVoteCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly writer: ActualVoteWriter,
    private readonly events: EventBus,
  ) {}

  async execute({ ballotId, deputy, organiser, input }: ConfirmActualVoteCommand): Promise<RecordedVotes> {
    let collectiveId = '';
    const payloads = await this.em.fork().transactional(async (em) => {
      const instruction = await instructionOf(em, ballotId, deputy);
      collectiveId = instruction.collective.id;
      await this.writer.lock(em, collectiveId);
      const existing = await em.findOne(ActualVote, { ballotId, member: deputy });
      const vote = input.vote ?? existing?.vote;
      if (!vote) {
        throw new LiquideError(ComplianceErrorCode.VoteNotFound, { field: 'vote' });
      }
      return this.writer.write(em, collectiveId, [
        {
          ballotId,
          billId: instruction.billId,
          deputy,
          vote,
          source: 'confirmed',
          votedOn: input.votedOn ?? existing?.votedOn ?? null,
          rollCallUrl: input.rollCallUrl ?? existing?.rollCallUrl ?? null,
          checkedBy: organiser,
        },
      ]);
    });
    this.events.publish(new ActualVotesRecordedEvent(collectiveId, ballotId, [deputy]));
    return recorded(payloads);
  }
}
