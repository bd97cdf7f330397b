import type { Choice } from '../tally';

/** A member cast or changed a direct vote. */
export class VoteCastEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly memberId: string,
    readonly choice: Choice,
  ) {}
}

/** A member withdrew their direct vote (their delegations apply again). */
export class VoteWithdrawnEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly memberId: string,
    readonly previous: Choice,
  ) {}
}
