/** A ballot opened: members may vote. */
export class BallotOpenedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
  ) {}
}

/** A ballot closed; its result is sealed under `resultHash`. */
export class BallotClosedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly resultHash: string,
  ) {}
}
