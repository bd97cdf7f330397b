import type { SeatChoice } from '../tally';

/**
 * What the engine, the plugins and the web client know of notices: the kinds, what a stored notice
 * looks like, and the event a plugin publishes (on the CQRS event bus) to have notices stored.
 */
export const NOTICE_KINDS = [
  'ballot.opened',
  'delegate.voted',
  'delegation.received',
  'ballot.closing-unrepresented',
  'instruction.issued',
  'petition.threshold',
  'deputy.deviations',
  'question.answered',
  'question.removed',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How often a person receives notices by e-mail. */
export const NOTICE_FREQUENCIES = ['immediate', 'daily', 'never'] as const;
export type NoticeFrequency = (typeof NOTICE_FREQUENCIES)[number];

/**
 * What a notice is about: the page it links to. `collective`: the recipient's delegations page in
 * that collective (with `billId` when a delegation names one bill).
 */
export interface NoticeSubject {
  readonly type: 'bill' | 'ballot' | 'petition' | 'collective';
  readonly id: string;
  /** The bill of a ballot (the page the ballot is shown on); null for petitions. */
  readonly billId: string | null;
  /** The bill's or petition's title (a topic's name, or empty, for a delegation). */
  readonly title: string;
}

/**
 * Values a notice's text is built from. Never holds a choice the ballot's visibility hides:
 * `choice` is only present for a delegate's vote on a ballot whose tally is live.
 */
export interface NoticeParams {
  readonly name?: string;
  readonly choice?: SeatChoice;
  readonly scope?: 'global' | 'topic' | 'bill';
  readonly closesAt?: string;
  readonly signatures?: number;
  /** A deputy's deviations from their instructions (`deputy.deviations`). */
  readonly deviations?: number;
  /** The deputy a notice is about (`deputy.deviations`): links to their public page. */
  readonly memberId?: string;
  /** A moderation reason code (`question.removed`). */
  readonly reason?: string;
}

/** A stored notice as the inbox lists it (`GET /api/notices`) and as pushed live (`notice:new`). */
export interface NoticeView {
  readonly id: string;
  readonly collectiveId: string;
  readonly collectiveName: string;
  readonly kind: NoticeKind;
  readonly subject: NoticeSubject;
  readonly params: NoticeParams;
  readonly createdAt: string;
  readonly read: boolean;
}

/** One page of the inbox, newest first. */
export interface NoticePage {
  readonly items: readonly NoticeView[];
  readonly unread: number;
  /** Pass as `before` to get the next page; null on the last page. */
  readonly next: string | null;
}

/**
 * Published by a plugin (or any feature) to store a notice for some members of a collective, once per
 * member and `cause`: publishing the same cause again (a retry) stores nothing new.
 */
export class NoticeRequestedEvent {
  constructor(
    readonly collectiveId: string,
    /** Membership ids of the recipients (unknown or inactive ones are skipped). */
    readonly memberIds: readonly string[],
    readonly kind: NoticeKind,
    /** Unique per cause, e.g. `petition-threshold:<petitionId>:<thresholdId>`. */
    readonly cause: string,
    readonly subject: NoticeSubject,
    readonly params: NoticeParams = {},
  ) {}
}
