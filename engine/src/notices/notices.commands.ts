import { Command } from '@nestjs/cqrs';

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
