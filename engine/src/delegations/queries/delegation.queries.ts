import { Query } from '@nestjs/cqrs';
import type { DelegationView } from '../commands/set-delegation.command';

/** The caller's own delegations. */
export class MyDelegationsQuery extends Query<DelegationView[]> {
  constructor(readonly memberId: string) {
    super();
  }
}

/** The delegations that name the caller as a trustee, with the delegator and the rank. */
export class DelegationsToMeQuery extends Query<
  (DelegationView & { from: { memberId: string; displayName: string }; rank: number })[]
> {
  constructor(readonly memberId: string) {
    super();
  }
}
