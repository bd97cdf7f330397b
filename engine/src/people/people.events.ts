/** A membership was bound to its holder's account (an invitation followed, a request approved). */
export class MemberJoinedEvent {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {}
}
