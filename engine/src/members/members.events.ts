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
