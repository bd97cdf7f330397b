import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth } from '../../auth/public.decorator';
import { BallotParamDto } from '../../ballots/ballots.schemas';
import { BillParamDto } from '../../bills/bills.schemas';
import { CollectiveParamDto } from '../../collectives/collectives.schemas';
import { interpolate, pickLanguage } from '../../errors/error-catalog';
import {
  ConfirmActualVoteCommand,
  DeclareActualVoteCommand,
  ImportRollCallCommand,
  SetParliamentIdsCommand,
} from '../commands/compliance.commands';
import { ConsequenceSettingsService } from '../consequences';
import { COMPLIANCE_ERRORS, ComplianceErrorCode, RollCallRefusedError } from '../compliance.errors';
import {
  BallotDeputyParamDto,
  ConfirmVoteDto,
  ConsequenceSettingsDto,
  DeclareVoteDto,
  DeputyParamDto,
  ImportRollCallDto,
  ParliamentIdsDto,
} from '../compliance.schemas';
import {
  BillComplianceQuery,
  CollectiveComplianceQuery,
  DeputyComplianceQuery,
  PopoloActualVotesQuery,
} from '../queries/compliance.queries';
import { rollCallField } from '../roll-call/roll-call';
import { ParliamentIdsQuery } from '../queries/parliament-ids.query';

/** Deputies' actual votes (declared, confirmed, imported), compliance figures and their public pages. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api')
export class ComplianceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
    private readonly consequenceSettings: ConsequenceSettingsService,
  ) {}

  /** The deputy declares their own vote in parliament (with an optional public explanation). */
  @Put('ballots/:ballotId/actual-votes/mine')
  async declare(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BallotParamDto,
    @Body() body: DeclareVoteDto,
  ) {
    const { ballot } = await this.access.assertCanOnBallot(account, params.ballotId, 'compliance.declare');
    const { member } = await this.access.assertMember(account, ballot.collective.id, 'compliance.declare');
    return this.commands.execute(new DeclareActualVoteCommand(params.ballotId, member.id, body));
  }

  /** An organiser confirms a deputy's declared vote, or records it. */
  @Post('ballots/:ballotId/actual-votes/:memberId/confirm')
  @HttpCode(200)
  async confirm(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BallotDeputyParamDto,
    @Body() body: ConfirmVoteDto,
  ) {
    const { ballot } = await this.access.assertCanOnBallot(account, params.ballotId, 'compliance.check');
    const { member } = await this.access.assertMember(account, ballot.collective.id, 'compliance.check');
    return this.commands.execute(
      new ConfirmActualVoteCommand(params.ballotId, params.memberId, member.id, body),
    );
  }

  /** Imports a roll call (scrutin JSON or CSV): all rows or nothing; 422 lists every bad row. */
  @Post('ballots/:ballotId/roll-call')
  @HttpCode(200)
  async importRollCall(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BallotParamDto,
    @Body() body: ImportRollCallDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { ballot } = await this.access.assertCanOnBallot(account, params.ballotId, 'compliance.check');
    const { member } = await this.access.assertMember(account, ballot.collective.id, 'compliance.check');
    try {
      return await this.commands.execute(new ImportRollCallCommand(params.ballotId, member.id, body));
    } catch (error) {
      if (!(error instanceof RollCallRefusedError)) {
        throw error;
      }
      const language = pickLanguage(acceptLanguage);
      const definition = COMPLIANCE_ERRORS[ComplianceErrorCode.RollCallRefused];
      response.status(definition.status);
      return {
        statusCode: definition.status,
        code: error.code,
        field: 'content',
        message: interpolate(definition[language], { count: error.problems.length }),
        rows: error.problems.map(({ message, ...problem }) => ({
          ...problem,
          field: rollCallField(problem.rule),
          message: message[language],
        })),
      };
    }
  }

  /** The deputies an organiser may map (seated, instructed or mapped) with their identifiers. */
  @Get('collectives/:collectiveId/parliament-ids')
  async listParliamentIds(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertMember(account, params.collectiveId, 'compliance.check');
    return this.queries.execute(new ParliamentIdsQuery(params.collectiveId));
  }

  /** Deputies' parliamentary identifiers, used to match roll calls. */
  @Put('collectives/:collectiveId/parliament-ids')
  async parliamentIds(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: ParliamentIdsDto,
  ) {
    await this.access.assertMember(account, params.collectiveId, 'compliance.check');
    return this.commands.execute(new SetParliamentIdsCommand(params.collectiveId, body));
  }

  /** The calling deputy's instructions and actual votes (their form), empty before any instruction. */
  @Get('collectives/:collectiveId/compliance/mine')
  async mine(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'compliance.declare');
    return this.queries.execute(new DeputyComplianceQuery(params.collectiveId, member.id, true));
  }

  /** The consequences the collective chose (all off by default). */
  @Get('collectives/:collectiveId/compliance/consequences')
  @OptionalAuth()
  async consequences(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'compliance.read');
    return this.consequenceSettings.get(params.collectiveId);
  }

  @Put('collectives/:collectiveId/compliance/consequences')
  async configureConsequences(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: ConsequenceSettingsDto,
  ) {
    await this.access.assertMember(account, params.collectiveId, 'collective.configure');
    return this.consequenceSettings.set(params.collectiveId, body);
  }

  /** A deputy's public page: seats, instructions, actual votes, explanations and rate. */
  @Get('collectives/:collectiveId/deputies/:memberId/compliance')
  @OptionalAuth()
  async deputy(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: DeputyParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'compliance.read');
    return this.queries.execute(new DeputyComplianceQuery(params.collectiveId, params.memberId));
  }

  /** Per ballot of a bill: instructed and actual votes side by side. */
  @Get('bills/:billId/compliance')
  @OptionalAuth()
  async bill(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    await this.access.assertCanOnBill(account, params.billId, 'compliance.read');
    return this.queries.execute(new BillComplianceQuery(params.billId));
  }

  /** The collective's rate and every deputy's. */
  @Get('collectives/:collectiveId/compliance')
  @OptionalAuth()
  async collective(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: CollectiveParamDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'compliance.read');
    return this.queries.execute(new CollectiveComplianceQuery(params.collectiveId));
  }

  /** The deputies' checked actual votes as Popolo vote events. */
  @Get('collectives/:collectiveId/compliance/popolo.json')
  @OptionalAuth()
  async popolo(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'compliance.read');
    return this.queries.execute(new PopoloActualVotesQuery(params.collectiveId));
  }
}
