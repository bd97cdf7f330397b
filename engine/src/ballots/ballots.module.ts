import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { BallotScheduler } from './ballot-scheduler';
import { BallotsController } from './ballots.controller';
import { CloseBallotHandler } from './commands/close-ballot.handler';
import { CreateBallotHandler } from './commands/create-ballot.handler';
import { OpenBallotHandler } from './commands/open-ballot.handler';
import {
  GetBallotHandler,
  GetRepresentationHandler,
  GetResultHandler,
  GetResultTextHandler,
} from './queries/ballot.query-handlers';

export const BallotCommandHandlers = [CreateBallotHandler, OpenBallotHandler, CloseBallotHandler];
export const BallotQueryHandlers = [
  GetBallotHandler,
  GetResultHandler,
  GetResultTextHandler,
  GetRepresentationHandler,
];

/** Ballots: creation, opening and closing (also on schedule), results and representation; their API. */
@Module({
  imports: [RecordModule],
  controllers: [BallotsController],
  providers: [BallotScheduler, ...BallotCommandHandlers, ...BallotQueryHandlers],
})
export class BallotsModule {}
