import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import { CurrentAccount } from '../auth/current-account.decorator';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { pickLanguage } from '../errors/error-catalog';
import { LiquideError } from '../errors/liquide-error';
import { CommonErrorCode } from '../errors/common-errors';
import { ChangeRoleCommand, ImportMembersCommand, UpdateMemberCommand } from './commands/member.commands';
import { AccessErrorCode } from '../access/access.errors';
import { POLICY } from '../access/policy';
import { ListMembersQuery } from './queries/list-members.query';
import { MemberListDto, ORGANISER_FILTERS } from './members.schemas';
import { GetImportQuery } from './queries/get-import.query';
import { CollectiveParamDto } from '../collectives/collectives.schemas';
import { ImportParamDto, MemberParamDto, RoleParamDto, UpdateMemberDto } from './members.schemas';

@ApiTags('members')
@ApiBearerAuth()
@Controller('api/collectives/:collectiveId/members')
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  /** Body: the CSV file itself (`Content-Type: text/csv`). Answers at once; poll the import for progress. */
  @Post('import')
  @HttpCode(202)
  @ApiConsumes('text/csv')
  async import(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    if (typeof body !== 'string') {
      throw new LiquideError(CommonErrorCode.BadRequest, {
        field: 'body',
        params: { reason: 'Content-Type: text/csv' },
      });
    }
    return this.commands.execute(
      new ImportMembersCommand(params.collectiveId, body, pickLanguage(acceptLanguage)),
    );
  }

  @Get('imports/:importId')
  async importProgress(@CurrentAccount() account: AuthenticatedAccount, @Param() params: ImportParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.queries.execute(new GetImportQuery(params.collectiveId, params.importId));
  }

  /**
   * The member directory, a page at a time (`page`, `size` ≤ 100, `total`). Organisers get every
   * field and may filter (role, active, joined, votingRights) and search names and addresses;
   * other members get the names of active members (to choose a trustee).
   */
  @Get()
  async list(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Query() query: MemberListDto,
  ) {
    const { member } = await this.access.assertCan(account, params.collectiveId, 'member.search');
    const organiser = member?.has('organiser') ?? false;
    const filter = ORGANISER_FILTERS.find((name) => query[name] !== undefined);
    if (!organiser && filter) {
      throw new LiquideError(AccessErrorCode.Forbidden, {
        field: filter,
        params: { action: 'member.manage', roles: POLICY['member.manage'].roles.join(', ') },
      });
    }
    return this.queries.execute(new ListMembersQuery(params.collectiveId, query, organiser));
  }

  @Patch(':memberId')
  @HttpCode(204)
  async update(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: MemberParamDto,
    @Body() body: UpdateMemberDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    await this.commands.execute(new UpdateMemberCommand(params.collectiveId, params.memberId, body));
  }

  @Put(':memberId/roles/:role')
  async grant(@CurrentAccount() account: AuthenticatedAccount, @Param() params: RoleParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.commands.execute(
      new ChangeRoleCommand(params.collectiveId, params.memberId, params.role, true),
    );
  }

  @Delete(':memberId/roles/:role')
  async revoke(@CurrentAccount() account: AuthenticatedAccount, @Param() params: RoleParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.commands.execute(
      new ChangeRoleCommand(params.collectiveId, params.memberId, params.role, false),
    );
  }
}
