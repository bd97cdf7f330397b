import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { Public } from '../auth/public.decorator';
import { CollectiveParamDto } from '../collectives/collectives.schemas';
import { AuthRateLimit } from '../security/rate-limit.guard';
import type { FollowedTopics, NoticePreferences } from './notice-preferences';
import {
  MarkAllNoticesReadCommand,
  MarkNoticeReadCommand,
  SetFollowedTopicsCommand,
  SetNoticePreferencesCommand,
  UnsubscribeCommand,
} from './notices.commands';
import type { NoticePage } from './notices.contract';
import { GetFollowedTopicsQuery, GetNoticePreferencesQuery, ListNoticesQuery } from './notices.queries';
import {
  FollowedTopicsDto,
  NoticePageDto,
  NoticeParamDto,
  NoticePreferencesDto,
  UnsubscribeDto,
} from './notices.schemas';

/**
 * The signed-in person's inbox (every active membership bound to the account), their e-mail choice,
 * the topics each membership follows, and the one-click unsubscribe that needs no sign-in.
 */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api')
export class NoticesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: AccessService,
  ) {}

  @Get('notices')
  page(@CurrentAccount() account: AuthenticatedAccount, @Query() query: NoticePageDto): Promise<NoticePage> {
    return this.queries.execute(new ListNoticesQuery(account.accountId, query.limit, query.before ?? null));
  }

  @Post('notices/read-all')
  async readAll(@CurrentAccount() account: AuthenticatedAccount): Promise<{ marked: number }> {
    return { marked: await this.commands.execute(new MarkAllNoticesReadCommand(account.accountId)) };
  }

  @Post('notices/:noticeId/read')
  @HttpCode(204)
  async read(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: NoticeParamDto,
  ): Promise<void> {
    await this.commands.execute(new MarkNoticeReadCommand(account.accountId, params.noticeId));
  }

  @Get('notices/preferences')
  getPreferences(@CurrentAccount() account: AuthenticatedAccount): Promise<NoticePreferences> {
    return this.queries.execute(new GetNoticePreferencesQuery(account.email.toLowerCase()));
  }

  @Put('notices/preferences')
  setPreferences(
    @CurrentAccount() account: AuthenticatedAccount,
    @Body() body: NoticePreferencesDto,
  ): Promise<NoticePreferences> {
    return this.commands.execute(new SetNoticePreferencesCommand(account.email.toLowerCase(), body));
  }

  /** One-click unsubscribe (RFC 8058): the signed link sets the address's choice to "never". */
  @Post('notices/unsubscribe')
  @Public()
  @AuthRateLimit()
  async unsubscribe(@Query() query: UnsubscribeDto): Promise<{ frequency: 'never' }> {
    await this.commands.execute(new UnsubscribeCommand(query.token));
    return { frequency: 'never' };
  }

  @Get('collectives/:collectiveId/notices/topics')
  async getTopics(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
  ): Promise<FollowedTopics> {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'notice.manage');
    return this.queries.execute(new GetFollowedTopicsQuery(member.id));
  }

  @Put('collectives/:collectiveId/notices/topics')
  async setTopics(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: FollowedTopicsDto,
  ): Promise<FollowedTopics> {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'notice.manage');
    return this.commands.execute(new SetFollowedTopicsCommand(member.id, params.collectiveId, body));
  }
}
