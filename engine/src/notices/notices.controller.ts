import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../access/access.service';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { Public } from '../auth/public.decorator';
import { LiquideError } from '../errors/liquide-error';
import { AuthRateLimit } from '../security/rate-limit.guard';
import { CollectiveParamDto } from '../domain/http/schemas';
import { NoticePreferencesService, type FollowedTopics, type NoticePreferences } from './notice-preferences';
import { NoticeStore } from './notice.store';
import type { NoticePage } from './notices.contract';
import { NoticeErrorCode } from './notices.errors';
import {
  FollowedTopicsDto,
  NoticePageDto,
  NoticeParamDto,
  NoticePreferencesDto,
  UnsubscribeDto,
} from './notices.schemas';
import { UnsubscribeTokens } from './unsubscribe-token';

/**
 * The signed-in person's inbox (every active membership of their address), their e-mail choice, the
 * topics each membership follows, and the one-click unsubscribe that needs no sign-in.
 */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api')
export class NoticesController {
  constructor(
    private readonly store: NoticeStore,
    private readonly preferences: NoticePreferencesService,
    private readonly tokens: UnsubscribeTokens,
    private readonly access: AccessService,
  ) {}

  @Get('notices')
  page(@CurrentAccount() account: AuthenticatedAccount, @Query() query: NoticePageDto): Promise<NoticePage> {
    return this.store.page(account.accountId, query.limit, query.before ?? null);
  }

  @Post('notices/read-all')
  async readAll(@CurrentAccount() account: AuthenticatedAccount): Promise<{ marked: number }> {
    return { marked: await this.store.markAllRead(account.accountId) };
  }

  @Post('notices/:noticeId/read')
  @HttpCode(204)
  async read(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: NoticeParamDto,
  ): Promise<void> {
    if (!(await this.store.markRead(account.accountId, params.noticeId))) {
      throw new LiquideError(NoticeErrorCode.NoticeNotFound, { field: 'noticeId' });
    }
  }

  @Get('notices/preferences')
  getPreferences(@CurrentAccount() account: AuthenticatedAccount): Promise<NoticePreferences> {
    return this.preferences.get(account.email.toLowerCase());
  }

  @Put('notices/preferences')
  setPreferences(
    @CurrentAccount() account: AuthenticatedAccount,
    @Body() body: NoticePreferencesDto,
  ): Promise<NoticePreferences> {
    return this.preferences.set(account.email.toLowerCase(), body);
  }

  /** One-click unsubscribe (RFC 8058): the signed link sets the address's choice to "never". */
  @Post('notices/unsubscribe')
  @Public()
  @AuthRateLimit()
  async unsubscribe(@Query() query: UnsubscribeDto): Promise<{ frequency: 'never' }> {
    const email = await this.tokens.verify(query.token);
    await this.preferences.unsubscribe(email);
    return { frequency: 'never' };
  }

  @Get('collectives/:collectiveId/notices/topics')
  async getTopics(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
  ): Promise<FollowedTopics> {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'notice.manage');
    return this.preferences.topics(member.id);
  }

  @Put('collectives/:collectiveId/notices/topics')
  async setTopics(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param() params: CollectiveParamDto,
    @Body() body: FollowedTopicsDto,
  ): Promise<FollowedTopics> {
    const { member } = await this.access.assertMember(account, params.collectiveId, 'notice.manage');
    return this.preferences.setTopics(member.id, params.collectiveId, body);
  }
}
