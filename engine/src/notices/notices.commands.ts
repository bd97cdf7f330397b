import { Command } from '@nestjs/cqrs';
import type { FollowedTopics, NoticePreferences } from './notice-preferences';

/**
 * Stores the "closes within 24 h and nobody carries your vote" notice of one open ballot, once
 * (refused with `notice.already_reminded` afterwards). Answers how many members were reminded.
 */
export class RemindUnrepresentedCommand extends Command<number> {
  constructor(readonly ballotId: string) {
    super();
  }
}

/**
 * Sends an address its notices not mailed yet: `immediate`, one message per notice; `digest`, one
 * message per address and UTC day (refused with `notice.digest_already_sent` the second time).
 * Answers how many notices went into the outbox.
 */
export class MailNoticesCommand extends Command<number> {
  constructor(
    readonly email: string,
    readonly mode: 'immediate' | 'digest',
    readonly now: Date = new Date(),
  ) {
    super();
  }
}

/** Marks one notice of the account read (404 `notice.not_found` when the account holds no such notice). */
export class MarkNoticeReadCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly noticeId: string,
  ) {
    super();
  }
}

/** Marks every notice of the account read; answers how many changed. */
export class MarkAllNoticesReadCommand extends Command<number> {
  constructor(readonly accountId: string) {
    super();
  }
}

/** Sets the e-mail choice of an address. */
export class SetNoticePreferencesCommand extends Command<NoticePreferences> {
  constructor(
    readonly email: string,
    readonly preferences: NoticePreferences,
  ) {
    super();
  }
}

/** Sets the topics a membership follows (each must belong to the collective). */
export class SetFollowedTopicsCommand extends Command<FollowedTopics> {
  constructor(
    readonly memberId: string,
    readonly collectiveId: string,
    readonly topics: FollowedTopics,
  ) {
    super();
  }
}

/** One-click unsubscribe: verifies the signed token and sets its address's choice to `never`. */
export class UnsubscribeCommand extends Command<void> {
  constructor(readonly token: string) {
    super();
  }
}
