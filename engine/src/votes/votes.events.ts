import type { Choice } from '../tally';

/** A member cast or changed a direct vote. */
export class VoteCastEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly memberId: string,
    /** A yes / no / abstain choice, or a method ballot's ballot (normalised). */
    readonly choice: Choice | { readonly ballot: unknown },
  ) {}
}

/** A member withdrew their direct vote (their delegations apply again). */
export class VoteWithdrawnEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly memberId: string,
    /** The choice withdrawn (on a method ballot: its ballot as canonical JSON). */
    readonly previous: string,
  ) {}
}
