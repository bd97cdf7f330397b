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

  async execute({ ballotId, closesAt }: OpenBallotCommand): Promise<{ opensAt: string; closesAt: string }> {
    const { event, window } = await this.em.fork().transactional(async (em) => {
      const ballot = await em.findOne(Ballot, { id: ballotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!ballot) {
        throw new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
      }
      if (ballot.status !== 'draft') {
        throw new LiquideError(BallotErrorCode.BallotWrongStatus, {
          params: { status: ballot.status, expected: 'draft' },
        });
      }
      const now = new Date();
      if (closesAt && closesAt.getTime() <= Math.max(now.getTime(), ballot.opensAt.getTime())) {
        throw new LiquideError(BallotErrorCode.BallotEndInPast, { field: 'closesAt' });
      }
      if (ballot.opensAt < now) {
        // opened late: the voting window starts now and keeps its planned length
        const length = ballot.closesAt.getTime() - ballot.opensAt.getTime();
        ballot.opensAt = now;
        ballot.closesAt = new Date(now.getTime() + length);
      }
      if (closesAt) {
        ballot.closesAt = closesAt;
      }
      ballot.status = 'open';
      ballot.openedAt = now;
      await em.flush();
      const collectiveId = ballot.collective.id;
      const window = { opensAt: ballot.opensAt.toISOString(), closesAt: ballot.closesAt.toISOString() };
      await this.record.append(em, collectiveId, 'ballot.opened', { ballotId, seed: ballot.seed, ...window });
      return { event: new BallotOpenedEvent(collectiveId, ballotId), window };
    });
    this.events.publish(event);
    return window;
  }
}
