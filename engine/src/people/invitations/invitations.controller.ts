import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth, Public } from '../../auth/public.decorator';
import { CollectiveParamDto } from '../../collectives/collectives.schemas';
import { MemberParamDto } from '../../members/members.schemas';
import { MemberErrorCode } from '../../members/members.errors';
import { pickLanguage } from '../../errors/error-catalog';
import { LiquideError } from '../../errors/liquide-error';
import { AuthRateLimit } from '../../security/rate-limit.guard';
import {
  AcceptInvitationCommand,
  AddMemberCommand,
  GetInvitationQuery,
  ListPendingInvitationsQuery,
  RevokeInvitationCommand,
  SendInvitationsCommand,
} from './invitation.commands';
import {
  AcceptInvitationDto,
  AddMemberDto,
  InvitationListDto,
  InvitationTokenParamDto,
  SendInvitationsDto,
} from './invitations.schemas';

/**
 * Invitations: organisers add members one by one and invite them (or every imported member who
 * has not joined), resend, revoke and list who has not joined; the holder of a link reads and
 * follows it. Every organiser route needs an active organiser (`member.manage`).
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller('api')
export class InvitationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Post('collectives/:collectiveId/members')
  async add(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: AddMemberDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.commands.execute(
      new AddMemberCommand(params.collectiveId, body, pickLanguage(acceptLanguage)),
    );
  }

  @Post('collectives/:collectiveId/invitations')
  @HttpCode(200)
  async send(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: SendInvitationsDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    const target = body.memberIds ? { memberIds: body.memberIds } : { notJoined: true as const };
    return this.commands.execute(
      new SendInvitationsCommand(params.collectiveId, target, body.locale ?? pickLanguage(acceptLanguage)),
    );
  }

  /** Who was invited and has not joined yet. */
  @Get('collectives/:collectiveId/invitations')
  async pending(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Query() query: InvitationListDto,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    return this.queries.execute(new ListPendingInvitationsQuery(params.collectiveId, query.page, query.size));
  }

  /** A new link for this member (the previous one stops working). */
  @Post('collectives/:collectiveId/invitations/:memberId/resend')
  @HttpCode(200)
  async resend(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: MemberParamDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    const outcome = await this.commands.execute(
      new SendInvitationsCommand(
        params.collectiveId,
        { memberIds: [params.memberId] },
        pickLanguage(acceptLanguage),
      ),
    );
    // one named member: a member of another collective, or none, is a 404 here (nothing was written)
    if (outcome.skipped.some((skip) => skip.reason === 'not_found')) {
      throw new LiquideError(MemberErrorCode.MemberNotFound, { field: 'memberId' });
    }
    return outcome;
  }

  @Delete('collectives/:collectiveId/invitations/:memberId')
  @HttpCode(204)
  async revoke(@CurrentAccount() account: AuthenticatedAccount, @Param() params: MemberParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'member.manage');
    await this.commands.execute(new RevokeInvitationCommand(params.collectiveId, params.memberId));
  }

  /** What the link is about: the collective, the invited name and address, whether an account exists. */
  @Get('invitations/:token')
  @Public()
  read(@Param() params: InvitationTokenParamDto) {
    return this.queries.execute(new GetInvitationQuery(params.token));
  }

  /** Follows the link: binds the membership (creating the account with the invited address if needed). */
  @Post('invitations/:token/accept')
  @OptionalAuth()
  @AuthRateLimit()
  @HttpCode(200)
  accept(
    @CurrentAccount() account: AuthenticatedAccount | null,
    @Param() params: InvitationTokenParamDto,
    @Body() body: AcceptInvitationDto,
  ) {
    return this.commands.execute(new AcceptInvitationCommand(params.token, account, body));
  }
}
