/** A membership was deactivated: from now on it grants no right, on any channel. */
export class MemberDeactivatedEvent {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {}
}

/** A deactivated membership was made active again. */
export class MemberReactivatedEvent {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {}
}

/**
 * Members' tally figures changed (voting rights, weight, activity, new members): the live tallies of the
 * collective's open ballots are loaded again, so that observers see what the close will count.
 */
export class MembershipFiguresChangedEvent {
  constructor(readonly collectiveId: string) {}
}
