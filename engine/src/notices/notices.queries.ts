import { Query } from '@nestjs/cqrs';
import type { FollowedTopics, NoticePreferences } from './notice-preferences';
import type { NoticePage } from './notices.contract';

/** One page of the account's inbox, newest first. */
export class ListNoticesQuery extends Query<NoticePage> {
  constructor(
    readonly accountId: string,
    readonly limit: number,
    readonly before: string | null,
  ) {
    super();
  }
}

/** The e-mail choice of an address (daily digest in French when never chosen). */
export class GetNoticePreferencesQuery extends Query<NoticePreferences> {
  constructor(readonly email: string) {
    super();
  }
}

/** The topics a membership follows. */
export class GetFollowedTopicsQuery extends Query<FollowedTopics> {
  constructor(readonly memberId: string) {
    super();
  }
}
