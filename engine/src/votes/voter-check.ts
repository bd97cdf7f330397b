import type { EntityManager } from '@mikro-orm/postgresql';
import { AccessErrorCode } from '../access/access.errors';
import { DomainErrorCode } from '../domain/domain.errors';
import { LiquideError } from '../errors/liquide-error';

interface VoterRow {
  collective_id: string;
  status: string;
  opens_at: Date;
  closes_at: Date;
  member_id: string | null;
  roles: string[] | null;
  active: boolean | null;
  voting_rights: boolean | null;
  now: Date;
}

export interface Voter {
  readonly collectiveId: string;
  readonly memberId: string;
}

/**
 * One query for the vote path: the ballot's window and the caller's membership. Must run inside
 * the vote's transaction, after the shared ballot lock, so that a close cannot slip in between.
 */
export async function checkVoter(em: EntityManager, ballotId: string, email: string): Promise<Voter> {
  const rows = await em.execute<VoterRow[]>(
    `select b.collective_id, b.status, b.opens_at, b.closes_at, m.id as member_id, m.roles, m.active,
            m.voting_rights, now() as now
       from ballot b left join member m on m.collective_id = b.collective_id and m.email = ?
      where b.id = ?`,
    [email.toLowerCase(), ballotId],
  );
  const row = rows[0];
  if (!row) {
    throw new LiquideError(DomainErrorCode.BallotNotFound, { field: 'ballotId' });
  }
  if (!row.member_id || !row.active || !row.roles?.includes('member')) {
    throw new LiquideError(AccessErrorCode.Forbidden, { params: { action: 'vote.cast', roles: 'member' } });
  }
  if (!row.voting_rights) {
    throw new LiquideError(DomainErrorCode.NoVotingRights);
  }
  if (row.status !== 'open') {
    throw new LiquideError(DomainErrorCode.BallotNotOpen, {
      field: 'ballotId',
      params: { status: row.status },
    });
  }
  const now = new Date(row.now);
  if (now < new Date(row.opens_at) || now >= new Date(row.closes_at)) {
    throw new LiquideError(DomainErrorCode.BallotOutsideWindow, {
      field: 'ballotId',
      params: {
        opensAt: new Date(row.opens_at).toISOString(),
        closesAt: new Date(row.closes_at).toISOString(),
      },
    });
  }
  return { collectiveId: row.collective_id, memberId: row.member_id };
}

/** Votes on a ballot hold this lock shared; closing holds it exclusively. */
export function ballotLockSql(mode: 'shared' | 'exclusive'): string {
  return mode === 'shared'
    ? 'select pg_advisory_xact_lock_shared(hashtextextended(?, 0))'
    : 'select pg_advisory_xact_lock(hashtextextended(?, 0))';
}
