import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, OptionalAuth, type AuthenticatedAccount } from '@liquide/engine';
import { AmendmentAccess } from '../amendment-access';
import {
  CloseContestCommand,
  CreateContestCommand,
  ProposeAmendmentCommand,
  PutAmendmentToVoteCommand,
  RankContestCommand,
  SetAmendmentPhaseCommand,
  WithdrawAmendmentCommand,
} from '../commands/amendment.commands';
import { BillAmendmentsQuery, GetAmendmentQuery, GetContestQuery } from '../queries/amendment.queries';
import {
  AmendmentBallotDto,
  AmendmentBillParamDto,
  AmendmentParamDto,
  AmendmentPhaseDto,
  ContestParamDto,
  CreateContestDto,
  ProposeAmendmentDto,
  RankingDto,
} from './amendments.dtos';

/** The amendments API: controllers parse input, authorise through the plugin host, and execute. */
@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api')
export class AmendmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AmendmentAccess,
  ) {}

  @Put('bills/:billId/amendments/phase')
  async phase(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: AmendmentBillParamDto,
    @Body() body: AmendmentPhaseDto,
  ) {
    const { collectiveId } = await this.access.onBill(account, params.billId, 'amendments.manage');
    return this.commands.execute(new SetAmendmentPhaseCommand(params.billId, collectiveId, body));
  }

  @Get('bills/:billId/amendments')
  @OptionalAuth()
  async list(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: AmendmentBillParamDto) {
    await this.access.onBill(account, params.billId, 'amendments.read');
    return this.queries.execute(new BillAmendmentsQuery(params.billId));
  }

  @Post('bills/:billId/amendments')
  async propose(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: AmendmentBillParamDto,
    @Body() body: ProposeAmendmentDto,
  ) {
    const { collectiveId, member } = await this.access.memberOnBill(
      account,
      params.billId,
      'amendments.propose',
    );
    return this.commands.execute(new ProposeAmendmentCommand(params.billId, collectiveId, member.id, body));
  }

  @Get('amendments/:amendmentId')
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: AmendmentParamDto) {
    await this.access.onAmendment(account, params.amendmentId, 'amendments.read');
    return this.queries.execute(new GetAmendmentQuery(params.amendmentId));
  }

  @Post('amendments/:amendmentId/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentAccount() account: AuthenticatedAccount, @Param() params: AmendmentParamDto) {
    const { member } = await this.access.memberOnAmendment(account, params.amendmentId, 'amendments.propose');
    return this.commands.execute(new WithdrawAmendmentCommand(params.amendmentId, member.id));
  }

  /** Puts the amendment to a yes/no ballot through the engine (opened now). */
  @Post('amendments/:amendmentId/ballot')
  async ballot(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: AmendmentParamDto,
    @Body() body: AmendmentBallotDto,
  ) {
    await this.access.onAmendment(account, params.amendmentId, 'amendments.manage');
    return this.commands.execute(new PutAmendmentToVoteCommand(params.amendmentId, body));
  }

  @Post('bills/:billId/amendment-contests')
  async contest(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: AmendmentBillParamDto,
    @Body() body: CreateContestDto,
  ) {
    const { collectiveId } = await this.access.onBill(account, params.billId, 'amendments.manage');
    return this.commands.execute(new CreateContestCommand(params.billId, collectiveId, body));
  }

  @Get('amendment-contests/:contestId')
  @OptionalAuth()
  async getContest(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: ContestParamDto) {
    await this.access.onContest(account, params.contestId, 'amendments.read');
    return this.queries.execute(new GetContestQuery(params.contestId));
  }

  @Put('amendment-contests/:contestId/ranking')
  async rank(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: ContestParamDto,
    @Body() body: RankingDto,
  ) {
    const { member } = await this.access.memberOnContest(account, params.contestId, 'amendments.rank');
    return this.commands.execute(new RankContestCommand(params.contestId, member.id, body.ranking));
  }

  @Post('amendment-contests/:contestId/close')
  @HttpCode(200)
  async close(@CurrentAccount() account: AuthenticatedAccount, @Param() params: ContestParamDto) {
    await this.access.onContest(account, params.contestId, 'amendments.manage');
    return this.commands.execute(new CloseContestCommand(params.contestId));
  }
}
