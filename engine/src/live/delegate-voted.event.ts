import type { Choice } from '../tally';

/**
 * A voter's direct vote now carries the votes of `delegatorIds` (computed by the live tally on the
 * instance that committed the vote). Published on the event bus after the vote's commit.
 */
export class DelegateVotedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly voterId: string,
    readonly choice: Choice,
    readonly delegatorIds: readonly string[],
  ) {}
}
