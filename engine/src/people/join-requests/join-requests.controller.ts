import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { CollectiveParamDto } from '../../collectives/collectives.schemas';
import { pickLanguage } from '../../errors/error-catalog';
import {
  DecideJoinRequestCommand,
  ListJoinRequestsQuery,
  MyJoinRequestQuery,
  RequestToJoinCommand,
} from './join-request.commands';
import { JoinDecisionDto, JoinRequestParamDto, RequestToJoinDto } from './join-requests.schemas';

/** Requests to join a public collective: asked by a signed-in person, decided by an active organiser. */
@ApiTags('join-requests')
@ApiBearerAuth()
@Controller('api/collectives/:collectiveId/join-requests')
export class JoinRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Post()
  async request(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: RequestToJoinDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'collective.read');
    return this.commands.execute(
      new RequestToJoinCommand(params.collectiveId, account, body.message, pickLanguage(acceptLanguage)),
    );
  }

  /** The caller's latest request (null: none), to show the right button. */
  @Get('mine')
  async mine(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'collective.read');
    return {
      request: await this.queries.execute(new MyJoinRequestQuery(params.collectiveId, account.accountId)),
    };
  }

  /** Pending requests, oldest first (at most 100, with the total). */
  @Get()
  async pending(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.queries.execute(new ListJoinRequestsQuery(params.collectiveId));
  }

  @Post(':requestId/decision')
  @HttpCode(200)
  async decide(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: JoinRequestParamDto,
    @Body() body: JoinDecisionDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'member.manage');
    return this.commands.execute(
      new DecideJoinRequestCommand(params.collectiveId, params.requestId, body.approve, member.id),
    );
  }
}
