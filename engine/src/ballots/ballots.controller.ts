import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CloseBallotCommand, OpenBallotCommand } from './commands/ballot.commands';
import { GetBallotQuery, GetRepresentationQuery, GetResultTextQuery } from './queries/ballot.queries';
import { parseInput } from '../errors/validation';
import { BallotParamDto, OpenBallotInput } from './ballots.schemas';

@ApiTags('ballots')
@ApiBearerAuth()
@Controller('api/ballots/:ballotId')
export class BallotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Get()
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BallotParamDto) {
    const { member } = await this.access.assertCanOnBallot(account, params.ballotId, 'ballot.read');
    return this.queries.execute(new GetBallotQuery(params.ballotId, member?.id ?? null));
  }

  @Get('result')
  @OptionalAuth()
  async result(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BallotParamDto) {
    await this.access.assertCanOnBallot(account, params.ballotId, 'ballot.read');
    // the stored JSON text as it is: a 1,000,000-member result (28 MiB) parsed and serialised again held
    // the event loop for about a second per request
    const { resultText, resultHash, closedAt } = await this.queries.execute(
      new GetResultTextQuery(params.ballotId),
    );
    const body = Buffer.from(
      `{"result":${resultText},"resultHash":${JSON.stringify(resultHash)},"closedAt":${JSON.stringify(closedAt)}}`,
      'utf8',
    );
    return new StreamableFile(body, { type: 'application/json; charset=utf-8', length: body.length });
  }

  /** Optional body `{ closesAt }`: the end the organiser chooses; otherwise opening + planned length. */
  @Post('open')
  @HttpCode(204)
  async open(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BallotParamDto,
    @Body() body: unknown,
  ) {
    const { closesAt } = parseInput(OpenBallotInput, body ?? {}, 'body');
    await this.access.assertCanOnBallot(account, params.ballotId, 'ballot.manage');
    await this.commands.execute(
      new OpenBallotCommand(params.ballotId, closesAt ? new Date(closesAt) : undefined),
    );
  }

  @Post('close')
  async close(@CurrentAccount() account: AuthenticatedAccount, @Param() params: BallotParamDto) {
    await this.access.assertCanOnBallot(account, params.ballotId, 'ballot.manage');
    return this.commands.execute(new CloseBallotCommand(params.ballotId));
  }

  @Get('representation')
  async representation(@CurrentAccount() account: AuthenticatedAccount, @Param() params: BallotParamDto) {
    const { member } = await this.access.assertCanOnBallot(account, params.ballotId, 'representation.read');
    return this.queries.execute(new GetRepresentationQuery(params.ballotId, member!.id));
  }
}
