import type { Choice, Scope } from '../tally';

/**
 * A domain event in the serialisable form that the live layer consumes, locally and across
 * instances (Redis channel `liquide:domain-events`). `origin` is the instance that committed it.
 */
export type LiveMessage = { readonly origin: string; readonly at: number } & (
  | {
      readonly type: 'vote';
      readonly collectiveId: string;
      readonly ballotId: string;
      readonly memberId: string;
      /** A yes / no / abstain choice, a method ballot's ballot, or null (withdrawn). */
      readonly choice: Choice | { readonly ballot: unknown } | null;
    }
  | {
      readonly type: 'delegation';
      readonly collectiveId: string;
      readonly memberId: string;
      readonly scope: Scope;
      readonly target: string | null;
      /** null: revoked. */
      readonly trustees: readonly string[] | null;
      readonly previousTrustees: readonly string[];
      readonly expiresAt: string | null;
    }
  | {
      /** A membership was deactivated: its sockets leave the collective's rooms. */
      readonly type: 'membership-ended';
      readonly collectiveId: string;
      readonly memberId: string;
    }
  | {
      /** Members' tally figures changed (rights, weight, activity, new members): the tallies are reloaded. */
      readonly type: 'members-changed';
      readonly collectiveId: string;
    }
  | {
      readonly type: 'closed';
      readonly collectiveId: string;
      readonly ballotId: string;
      readonly resultHash: string;
    }
);
