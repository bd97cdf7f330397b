import type { MethodOptionsBase } from '../ballot-methods';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CreateBallotCommand } from '../ballots/commands/ballot.commands';
import { CreateBillCommand } from './commands/create-bill.command';
import { GetBillQuery, ListBillsQuery } from './queries/bill.queries';
import { BillParamDto, CreateBillDto } from './bills.schemas';
import { CollectiveParamDto } from '../collectives/collectives.schemas';
import { CreateBallotDto } from '../ballots/ballots.schemas';

@ApiTags('bills')
@ApiBearerAuth()
@Controller('api')
export class BillsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Post('collectives/:collectiveId/bills')
  async create(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: CreateBillDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'bill.create');
    return this.commands.execute(
      new CreateBillCommand(params.collectiveId, {
        title: body.title,
        summary: body.summary,
        topicId: body.topicId ?? null,
        articles: body.articles,
      }),
    );
  }

  @Get('collectives/:collectiveId/bills')
  @OptionalAuth()
  async list(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'bill.read');
    return this.queries.execute(new ListBillsQuery(params.collectiveId));
  }

  @Get('bills/:billId')
  @OptionalAuth()
  async get(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    await this.access.assertCanOnBill(account, params.billId, 'bill.read');
    return this.queries.execute(new GetBillQuery(params.billId));
  }

  @Post('collectives/:collectiveId/ballots')
  async createBallot(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: CreateBallotDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'ballot.manage');
    return this.commands.execute(
      new CreateBallotCommand(params.collectiveId, {
        ...body,
        // validated against the method's own schema by CreateBallotInput
        methodOptions: body.methodOptions as MethodOptionsBase | undefined,
        opensAt: new Date(body.opensAt),
        closesAt: new Date(body.closesAt),
      }),
    );
  }
}
