import { AccessErrorCode } from '../access/access.errors';
import { AuthErrorCode } from '../auth/auth-errors';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BallotErrorCode } from '../ballots/ballots.errors';
import { VoteErrorCode } from './votes.errors';
import { LiquideError } from '../errors/liquide-error';

/** What the vote functions in PostgreSQL answer when they refuse. */
export interface Refusal {
  readonly error: string;
  readonly status?: string;
  readonly opensAt?: string;
  readonly closesAt?: string;
}

/** Turns a refusal of `liquide_voter` / `liquide_cast_vote` into the matching LiquideError. */
export function refusalError(refusal: Refusal): LiquideError {
  switch (refusal.error) {
    case 'ballot.not_found':
      return new LiquideError(BallotErrorCode.BallotNotFound, { field: 'ballotId' });
    case 'auth.email_unverified':
      return new LiquideError(AuthErrorCode.EmailUnverified);
    case 'access.forbidden':
      return new LiquideError(AccessErrorCode.Forbidden, {
        params: { action: 'vote.cast', roles: 'member' },
      });
    case 'vote.no_voting_rights':
      return new LiquideError(VoteErrorCode.NoVotingRights);
    case 'ballot.not_open':
      return new LiquideError(BallotErrorCode.BallotNotOpen, {
        field: 'ballotId',
        params: { status: refusal.status ?? '?' },
      });
    case 'ballot.outside_window':
      return new LiquideError(BallotErrorCode.BallotOutsideWindow, {
        field: 'ballotId',
        params: {
          opensAt: new Date(refusal.opensAt ?? 0).toISOString(),
          closesAt: new Date(refusal.closesAt ?? 0).toISOString(),
        },
      });
    case 'vote.request_id_reused':
      return new LiquideError(VoteErrorCode.RequestIdReused, { field: 'requestId' });
    default:
      return new LiquideError(BallotErrorCode.BallotNotOpen, { params: { status: refusal.error } });
  }
}

/**
 * {@link refusalError}, saying why when the voter's membership was deactivated (the vote functions
 * answer `access.forbidden` for it like for a stranger; only the refused caller pays this read).
 */
export async function explainedRefusal(
  em: EntityManager,
  refusal: Refusal,
  ballotId: string,
  accountId: string,
): Promise<LiquideError> {
  if (refusal.error === 'access.forbidden') {
    const rows = await em.execute(
      `select 1 from member m join ballot b on b.collective_id = m.collective_id
        where b.id = ? and m.account_id = ? and not m.active`,
      [ballotId, accountId],
    );
    if (rows.length > 0) {
      return new LiquideError(AccessErrorCode.MembershipDeactivated, { params: { action: 'vote.cast' } });
    }
  }
  return refusalError(refusal);
}
