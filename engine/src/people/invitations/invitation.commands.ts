import { Command, Query } from '@nestjs/cqrs';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import type { MailLocale } from '../../mail/mail.contract';
import type { AcceptInvitationInput, AddMemberInput } from './invitations.schemas';
import type {
  InvitationAccepted,
  InvitationsSent,
  InvitationView,
  PendingInvitation,
} from './invitation.views';

export type * from './invitation.views';

/**
 * Sends (or sends again, with a new link that replaces the old one) invitations to these members,
 * or to every active member who has not joined and holds no pending invitation (`notJoined`).
 */
export class SendInvitationsCommand extends Command<InvitationsSent> {
  constructor(
    readonly collectiveId: string,
    readonly target: { readonly memberIds: readonly string[] } | { readonly notJoined: true },
    readonly locale: MailLocale,
  ) {
    super();
  }
}

/** Revokes a member's pending invitation: its link stops working at once. */
export class RevokeInvitationCommand extends Command<void> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {
    super();
  }
}

/** Adds one member by hand (and invites them unless told not to). */
export class AddMemberCommand extends Command<{ id: string; invited: boolean }> {
  constructor(
    readonly collectiveId: string,
    readonly input: AddMemberInput,
    readonly locale: MailLocale,
  ) {
    super();
  }
}

/** Follows an invitation link: binds its membership to the caller's account, or to a new one. */
export class AcceptInvitationCommand extends Command<InvitationAccepted> {
  constructor(
    readonly token: string,
    readonly caller: AuthenticatedAccount | null,
    readonly input: AcceptInvitationInput,
  ) {
    super();
  }
}

export class GetInvitationQuery extends Query<InvitationView> {
  constructor(readonly token: string) {
    super();
  }
}

/** Who has been invited and has not joined yet, a page at a time. */
export class ListPendingInvitationsQuery extends Query<{
  items: PendingInvitation[];
  total: number;
  page: number;
  size: number;
}> {
  constructor(
    readonly collectiveId: string,
    readonly page: number,
    readonly size: number,
  ) {
    super();
  }
}
