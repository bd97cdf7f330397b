import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { BallotParamDto } from '../ballots/ballots.schemas';
import { CastVoteCommand } from './commands/cast-vote.command';
import { WithdrawVoteCommand } from './commands/withdraw-vote.command';
import { GetMyVoteQuery } from './queries/my-vote.query';
import { CastVoteDto } from './votes.schemas';

/** One's own vote on a ballot: `/api/ballots/:ballotId/vote`. */
@ApiTags('votes')
@ApiBearerAuth()
@Controller('api/ballots/:ballotId/vote')
export class VotesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  /** Cast or change one's own vote; the membership and window are checked inside the vote's transaction. */
  @Put()
  vote(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BallotParamDto,
    @Body() body: CastVoteDto,
  ) {
    return this.commands.execute(
      new CastVoteCommand(
        params.ballotId,
        account.accountId,
        body.choice ?? null,
        body.requestId,
        body.ballot,
      ),
    );
  }

  @Delete()
  @HttpCode(204)
  async withdraw(@CurrentAccount() account: AuthenticatedAccount, @Param() params: BallotParamDto) {
    await this.commands.execute(new WithdrawVoteCommand(params.ballotId, account.accountId));
  }

  @Get()
  async myVote(@CurrentAccount() account: AuthenticatedAccount, @Param() params: BallotParamDto) {
    const { member } = await this.access.assertCanOnBallot(account, params.ballotId, 'vote.cast');
    return { vote: await this.queries.execute(new GetMyVoteQuery(params.ballotId, member!.id)) };
  }
}
