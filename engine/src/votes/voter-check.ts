/** Votes on a ballot hold this lock shared (inside `liquide_voter`); closing holds it exclusively. */
export function ballotLockSql(mode: 'shared' | 'exclusive'): string {
  return mode === 'shared'
    ? 'select pg_advisory_xact_lock_shared(hashtextextended(?, 0))'
    : 'select pg_advisory_xact_lock(hashtextextended(?, 0))';
}
