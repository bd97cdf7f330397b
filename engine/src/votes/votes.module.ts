import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { CastVoteHandler } from './commands/cast-vote.handler';
import { WithdrawVoteHandler } from './commands/withdraw-vote.handler';
import { GetMyVoteHandler } from './queries/my-vote.query';
import { VotesController } from './votes.controller';

export const VoteCommandHandlers = [CastVoteHandler, WithdrawVoteHandler];

/** Votes: casting, withdrawing and reading one's own, under `/api/ballots/:ballotId/vote`. */
@Module({
  imports: [RecordModule],
  controllers: [VotesController],
  providers: [...VoteCommandHandlers, GetMyVoteHandler],
})
export class VotesModule {}
