import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LiquideError } from '../errors/liquide-error';
import { NoticePreferencesService } from './notice-preferences';
import { NoticeStore } from './notice.store';
import {
  MarkAllNoticesReadCommand,
  MarkNoticeReadCommand,
  SetFollowedTopicsCommand,
  SetNoticePreferencesCommand,
  UnsubscribeCommand,
} from './notices.commands';
import { NoticeErrorCode } from './notices.errors';
import { GetFollowedTopicsQuery, GetNoticePreferencesQuery, ListNoticesQuery } from './notices.queries';
import { UnsubscribeTokens } from './unsubscribe-token';

@QueryHandler(ListNoticesQuery)
export class ListNoticesHandler implements IQueryHandler<ListNoticesQuery> {
  constructor(private readonly store: NoticeStore) {}

  execute({ accountId, limit, before }: ListNoticesQuery) {
    return this.store.page(accountId, limit, before);
  }
}

@QueryHandler(GetNoticePreferencesQuery)
export class GetNoticePreferencesHandler implements IQueryHandler<GetNoticePreferencesQuery> {
  constructor(private readonly preferences: NoticePreferencesService) {}

  execute({ email }: GetNoticePreferencesQuery) {
    return this.preferences.get(email);
  }
}

@QueryHandler(GetFollowedTopicsQuery)
export class GetFollowedTopicsHandler implements IQueryHandler<GetFollowedTopicsQuery> {
  constructor(private readonly preferences: NoticePreferencesService) {}

  execute({ memberId }: GetFollowedTopicsQuery) {
    return this.preferences.topics(memberId);
  }
}

@CommandHandler(MarkNoticeReadCommand)
export class MarkNoticeReadHandler implements ICommandHandler<MarkNoticeReadCommand> {
  constructor(private readonly store: NoticeStore) {}

  async execute({ accountId, noticeId }: MarkNoticeReadCommand): Promise<void> {
    if (!(await this.store.markRead(accountId, noticeId))) {
      throw new LiquideError(NoticeErrorCode.NoticeNotFound, { field: 'noticeId' });
    }
  }
}

@CommandHandler(MarkAllNoticesReadCommand)
export class MarkAllNoticesReadHandler implements ICommandHandler<MarkAllNoticesReadCommand> {
  constructor(private readonly store: NoticeStore) {}

  execute({ accountId }: MarkAllNoticesReadCommand) {
    return this.store.markAllRead(accountId);
  }
}

@CommandHandler(SetNoticePreferencesCommand)
export class SetNoticePreferencesHandler implements ICommandHandler<SetNoticePreferencesCommand> {
  constructor(private readonly preferences: NoticePreferencesService) {}

  execute({ email, preferences }: SetNoticePreferencesCommand) {
    return this.preferences.set(email, preferences);
  }
}

@CommandHandler(SetFollowedTopicsCommand)
export class SetFollowedTopicsHandler implements ICommandHandler<SetFollowedTopicsCommand> {
  constructor(private readonly preferences: NoticePreferencesService) {}

  execute({ memberId, collectiveId, topics }: SetFollowedTopicsCommand) {
    return this.preferences.setTopics(memberId, collectiveId, topics);
  }
}

@CommandHandler(UnsubscribeCommand)
export class UnsubscribeHandler implements ICommandHandler<UnsubscribeCommand> {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly preferences: NoticePreferencesService,
  ) {}

  async execute({ token }: UnsubscribeCommand): Promise<void> {
    await this.preferences.unsubscribe(await this.tokens.verify(token));
  }
}

export const NoticeQueryHandlers = [
  ListNoticesHandler,
  GetNoticePreferencesHandler,
  GetFollowedTopicsHandler,
];
export const NoticeCommandHandlers = [
  MarkNoticeReadHandler,
  MarkAllNoticesReadHandler,
  SetNoticePreferencesHandler,
  SetFollowedTopicsHandler,
  UnsubscribeHandler,
];
