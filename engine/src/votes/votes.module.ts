import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { CastVoteHandler } from './commands/cast-vote.handler';
import { WithdrawVoteHandler } from './commands/withdraw-vote.handler';

export const VoteCommandHandlers = [CastVoteHandler, WithdrawVoteHandler];

/**
 * Votes: casting and withdrawing one's own. Their routes sit under `/api/ballots/:ballotId/vote`, served by
 * the ballots controller (a ballot's resource), which executes these commands.
 */
@Module({
  imports: [RecordModule],
  providers: [...VoteCommandHandlers],
})
export class VotesModule {}
