import { Command } from '@nestjs/cqrs';
import type { Choice } from '../../tally';

/** What the member is told once the vote is durably stored. */
export interface VoteReceipt {
  readonly ballotId: string;
  /** The yes / no / abstain choice; absent on a method ballot, whose receipt carries `ballot`. */
  readonly choice?: Choice;
  /** On a method ballot: the ballot as counted (normalised: options in the ballot's order). */
  readonly ballot?: unknown;
  readonly castAt: string;
  readonly requestId: string;
  /**
   * SHA-256 of the collective's record secret, ballot, member, choice and request id: the same
   * value stands in the public record's `vote.cast` event, so the voter can find their vote there.
   */
  readonly proof: string;
  /** True when the same request id was seen before: the first answer is returned again. */
  readonly replayed: boolean;
}

/** Cast or change one's own vote. `requestId` makes retries safe. */
export class CastVoteCommand extends Command<VoteReceipt> {
  constructor(
    readonly ballotId: string,
    /** The voter's account: the vote counts for the membership bound to it (never matched by e-mail). */
    readonly accountId: string,
    /** Null on a method ballot: then `ballot` is the voter's ballot, validated by the handler. */
    readonly choice: Choice | null,
    readonly requestId: string,
    readonly ballot?: Record<string, unknown>,
  ) {
    super();
  }
}
