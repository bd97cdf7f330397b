import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  CurrentAccount,
  GetBillScopeQuery,
  LiquideError,
  OptionalAuth,
  PluginAccessService,
  type AuthenticatedAccount,
} from '@liquide/engine';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConfigureBillInput,
  ContributeInput,
  MovePhaseInput,
  PublishVersionInput,
  SynthesisInput,
} from '../../contracts';
import type { CoDraftingAction } from '../codrafting.actions';
import { CoDraftingErrorCode } from '../codrafting.errors';
import {
  ConfigureBillCommand,
  ContributeCommand,
  MovePhaseCommand,
  PublishCoDraftedVersionCommand,
  SupportContributionCommand,
  WriteSynthesisCommand,
} from '../commands/codrafting.commands';
import { GetCoDraftingQuery } from '../queries/codrafting.queries';

class ConfigureBillDto extends createZodDto(ConfigureBillInput) {}
class MovePhaseDto extends createZodDto(MovePhaseInput) {}
class ContributeDto extends createZodDto(ContributeInput) {}
class SynthesisDto extends createZodDto(SynthesisInput) {}
class PublishVersionDto extends createZodDto(PublishVersionInput) {}
class BillParamDto extends createZodDto(z.strictObject({ billId: z.uuid() })) {}
class ContributionParamDto extends createZodDto(z.strictObject({ contributionId: z.uuid() })) {}

/** The co-drafting API: controllers parse input, authorise through the plugin host, and execute. */
@ApiTags('co-drafting')
@ApiBearerAuth()
@Controller('api')
export class CoDraftingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: PluginAccessService,
    private readonly em: EntityManager,
  ) {}

  private async collectiveOf(sql: string, id: string, notFound: LiquideError): Promise<string> {
    const [row] = await this.em.fork().execute<{ collective_id: string }[]>(sql, [id]);
    if (!row) {
      throw notFound;
    }
    return row.collective_id;
  }

  private async onBill(account: AuthenticatedAccount | null, billId: string, action: CoDraftingAction) {
    const { collectiveId } = await this.queries.execute(new GetBillScopeQuery(billId));
    return { collectiveId, ...(await this.access.assertCan(account, collectiveId, action)) };
  }

  private async memberOnBill(account: AuthenticatedAccount, billId: string, action: CoDraftingAction) {
    const { collectiveId } = await this.onBill(account, billId, action);
    return this.access.assertMember(account, collectiveId, action);
  }

  @Put('bills/:billId/co-drafting')
  async configure(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: ConfigureBillDto,
  ) {
    const { collectiveId } = await this.onBill(account, params.billId, 'co-drafting.organise');
    return this.commands.execute(new ConfigureBillCommand(params.billId, collectiveId, body));
  }

  @Get('bills/:billId/co-drafting')
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    const { member } = await this.onBill(account, params.billId, 'co-drafting.read');
    return this.queries.execute(new GetCoDraftingQuery(params.billId, member?.active ? member.id : null));
  }

  @Post('bills/:billId/co-drafting/phase')
  @HttpCode(200)
  async move(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: MovePhaseDto,
  ) {
    await this.onBill(account, params.billId, 'co-drafting.organise');
    return this.commands.execute(new MovePhaseCommand(params.billId, body.phase));
  }

  @Post('bills/:billId/co-drafting/contributions')
  async contribute(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: ContributeDto,
  ) {
    const { member } = await this.memberOnBill(account, params.billId, 'co-drafting.contribute');
    return this.commands.execute(new ContributeCommand(params.billId, member.id, body));
  }

  @Put('co-drafting/contributions/:contributionId/support')
  async support(@CurrentAccount() account: AuthenticatedAccount, @Param() params: ContributionParamDto) {
    return this.supportAs(account, params.contributionId, true);
  }

  @Delete('co-drafting/contributions/:contributionId/support')
  async unsupport(@CurrentAccount() account: AuthenticatedAccount, @Param() params: ContributionParamDto) {
    return this.supportAs(account, params.contributionId, false);
  }

  private async supportAs(account: AuthenticatedAccount, contributionId: string, support: boolean) {
    const collectiveId = await this.collectiveOf(
      'select b.collective_id from codraft_contribution c join bill b on b.id = c.bill_id where c.id = ?',
      contributionId,
      new LiquideError(CoDraftingErrorCode.ContributionNotFound, { field: 'contributionId' }),
    );
    const { member } = await this.access.assertMember(account, collectiveId, 'co-drafting.contribute');
    return this.commands.execute(new SupportContributionCommand(contributionId, member.id, support));
  }

  @Post('bills/:billId/co-drafting/syntheses')
  async synthesis(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: SynthesisDto,
  ) {
    const { member } = await this.memberOnBill(account, params.billId, 'co-drafting.organise');
    return this.commands.execute(new WriteSynthesisCommand(params.billId, member.id, body));
  }

  @Post('bills/:billId/co-drafting/versions')
  async publish(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: BillParamDto,
    @Body() body: PublishVersionDto,
  ) {
    const { member } = await this.memberOnBill(account, params.billId, 'co-drafting.organise');
    return this.commands.execute(new PublishCoDraftedVersionCommand(params.billId, member.id, body));
  }
}
