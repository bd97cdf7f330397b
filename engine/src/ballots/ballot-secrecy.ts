import type { BallotStatus, Visibility } from './ballot.types';

/**
 * The ballot secrecy rule (docs/security.md, "Ballot secrecy"): before the close of a ballot whose
 * tally is hidden (visibility `after-vote` or `after-close`), nobody learns another member's choice,
 * nor whether they voted — not through "who represents me", a personal event or notice, a live push,
 * the record or an export. A member always sees their own vote. After the close, and all along on a
 * `live` ballot (whose collective chose public live figures), a delegator may see who carries their
 * vote and how they chose.
 *
 * Every channel that could show one member's choice to another asks this one function.
 */
export function othersChoicesSecret(ballot: {
  readonly visibility: Visibility;
  readonly status: BallotStatus;
}): boolean {
  return ballot.status !== 'closed' && ballot.visibility !== 'live';
}
