import type { Choice, Scope } from '../tally';

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

/** A delegation was set or replaced (`trustees` empty: "no delegation here"). */
export class DelegationSetEvent {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly scope: Scope,
    readonly target: string | null,
    readonly trustees: readonly string[],
    readonly expiresAt: Date | null,
    readonly previousTrustees: readonly string[],
  ) {}
}

/** A delegation was revoked: broader scopes apply again. */
export class DelegationRevokedEvent {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
    readonly scope: Scope,
    readonly target: string | null,
    readonly previousTrustees: readonly string[],
  ) {}
}

export class BallotOpenedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
  ) {}
}

export class BallotClosedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly resultHash: string,
  ) {}
}
