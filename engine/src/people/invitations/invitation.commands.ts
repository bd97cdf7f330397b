import { Command, Query } from '@nestjs/cqrs';
import type { AuthenticatedAccount, TokenPair } from '../../auth/authenticated-account';
import type { MailLocale } from '../../mail/mail.contract';
import type { AcceptInvitationInput, AddMemberInput } from './invitations.schemas';

/** Why a member was not sent an invitation. */
export type SkipReason = 'not_found' | 'inactive' | 'joined' | 'pending' | 'send_limit';

export interface InvitationsSent {
  readonly sent: number;
  readonly skipped: readonly { readonly memberId: string; readonly reason: SkipReason }[];
}

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

export interface InvitationAccepted {
  readonly collectiveId: string;
  readonly slug: string;
  readonly memberId: string;
  /** Tokens of the account created on the way; null when the caller was already signed in. */
  readonly tokens: TokenPair | null;
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

/** What the holder of an invitation link may read before following it. */
export interface InvitationView {
  readonly collective: { readonly id: string; readonly name: string; readonly slug: string };
  readonly displayName: string;
  readonly email: string;
  readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
  readonly expiresAt: string;
  /** An account exists for the invited address: sign in rather than create one. */
  readonly accountExists: boolean;
}

export class GetInvitationQuery extends Query<InvitationView> {
  constructor(readonly token: string) {
    super();
  }
}

/** One invitation still waiting for its member. */
export interface PendingInvitation {
  readonly memberId: string;
  readonly displayName: string;
  readonly email: string;
  readonly sentAt: string;
  readonly expiresAt: string;
  readonly expired: boolean;
  readonly sendCount: number;
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
