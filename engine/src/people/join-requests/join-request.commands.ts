import { Command, Query } from '@nestjs/cqrs';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import type { MailLocale } from '../../mail/mail.contract';

export interface JoinRequestView {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'refused';
  readonly message: string;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

/** The organisers' view of a pending request: who asks (name and address of the account). */
export interface PendingJoinRequest extends JoinRequestView {
  readonly displayName: string;
  readonly email: string;
}

/** A signed-in person asks to join a public collective. */
export class RequestToJoinCommand extends Command<JoinRequestView> {
  constructor(
    readonly collectiveId: string,
    readonly account: AuthenticatedAccount,
    readonly message: string,
    readonly locale: MailLocale,
  ) {
    super();
  }
}

/** An organiser approves (a membership is created for the requester's address) or refuses; the requester is told by e-mail. */
export class DecideJoinRequestCommand extends Command<{
  status: 'approved' | 'refused';
  memberId: string | null;
}> {
  constructor(
    readonly collectiveId: string,
    readonly requestId: string,
    readonly approve: boolean,
    readonly deciderMemberId: string,
  ) {
    super();
  }
}

export class ListJoinRequestsQuery extends Query<{ items: PendingJoinRequest[]; total: number }> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** The caller's latest request to join this collective, if any. */
export class MyJoinRequestQuery extends Query<JoinRequestView | null> {
  constructor(
    readonly collectiveId: string,
    readonly accountId: string,
  ) {
    super();
  }
}
