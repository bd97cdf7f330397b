import type { TokenPair } from '../../auth/authenticated-account';

/** What the invitations' routes answer (decorator-free: the web client imports these types). */

/** Why a member was not sent an invitation. */
export type SkipReason = 'not_found' | 'inactive' | 'joined' | 'pending' | 'send_limit';

export interface InvitationsSent {
  readonly sent: number;
  readonly skipped: readonly { readonly memberId: string; readonly reason: SkipReason }[];
  /** `notJoined`: members still to invite after this call (each call invites at most 1,000). */
  readonly remaining: number;
}

export interface InvitationAccepted {
  readonly collectiveId: string;
  readonly slug: string;
  readonly memberId: string;
  /** Tokens of the account created on the way; null when the caller was already signed in. */
  readonly tokens: TokenPair | null;
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
