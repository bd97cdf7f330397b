import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { BallotErrorCode } from '../ballots.errors';
import { BallotOpenedEvent } from '../ballots.events';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import { Ballot } from '../ballot.entity';
import { OpenBallotCommand } from './ballot.commands';

@CommandHandler(OpenBallotCommand)
export class OpenBallotHandler implements ICommandHandler<OpenBallotCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ ballotId }: OpenBallotCommand): Promise<void> {
    const event = await this.em.fork().transactional(async (em) => {
      const ballot = await em.findOne(Ballot, { id: ballotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!ballot) {
        throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
      }
      if (ballot.status !== 'draft') {
        throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
          params: { status: ballot.status, expected: 'draft' },
        });
      }
      ballot.status = 'open';
      ballot.openedAt = new Date();
      await em.flush();
      const collectiveId = ballot.collective.id;
      await this.record.append(em, collectiveId, 'ballot.opened', { ballotId, seed: ballot.seed });
      return new BallotOpenedEvent(collectiveId, ballotId);
    });
    this.events.publish(event);
  }
}
