import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { RevokeDelegationCommand } from './commands/revoke-delegation.command';
import { SetDelegationCommand } from './commands/set-delegation.command';
import { DelegationsToMeQuery, MyDelegationsQuery } from './queries/delegation.queries';
import { CollectiveParamDto } from '../collectives/collectives.schemas';
import { DelegationScopeDto, SetDelegationDto } from './delegations.schemas';

function target(body: { scope: string; topicId?: string; billId?: string }): string | null {
  return body.scope === 'topic'
    ? (body.topicId ?? null)
    : body.scope === 'bill'
      ? (body.billId ?? null)
      : null;
}

/** A member's own delegations: always done as oneself, never on someone else's behalf. */
@ApiTags('delegations')
@ApiBearerAuth()
@Controller('api/collectives/:collectiveId/delegations')
export class DelegationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Get('mine')
  async mine(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'delegation.manage');
    return this.queries.execute(new MyDelegationsQuery(member.id));
  }

  @Get('to-me')
  async toMe(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'delegation.manage');
    return this.queries.execute(new DelegationsToMeQuery(member.id));
  }

  @Put()
  async set(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: SetDelegationDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'delegation.manage');
    return this.commands.execute(
      new SetDelegationCommand(
        params.collectiveId,
        member.id,
        body.scope,
        target(body),
        body.trustees,
        body.expiresAt ? new Date(body.expiresAt) : null,
        body.requestId,
      ),
    );
  }

  @Delete()
  @HttpCode(204)
  async revoke(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Query() query: DelegationScopeDto,
  ) {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'delegation.manage');
    await this.commands.execute(
      new RevokeDelegationCommand(
        params.collectiveId,
        member.id,
        query.scope,
        target(query),
        query.requestId,
      ),
    );
  }
}
