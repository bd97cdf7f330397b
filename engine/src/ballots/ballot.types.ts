/** A ballot's life: draft → open → closed. */
export type BallotStatus = 'draft' | 'open' | 'closed';
/** Who sees the tally when: everyone all along, a member once they voted, or everyone after the close. */
export type Visibility = 'live' | 'after-vote' | 'after-close';
export type MandateMethod = 'largest-remainder' | 'dhondt' | 'sainte-lague';
export type MandateBase = 'cast' | 'members';
/** What a ballot decides: the bill itself, or one amendment to it (the amendments plugin's votes). */
export type BallotPurpose = 'bill' | 'amendment';
