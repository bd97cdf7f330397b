import type { Scope } from '../tally';

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
