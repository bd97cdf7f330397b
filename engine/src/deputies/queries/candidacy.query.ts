import { Query } from '@nestjs/cqrs';
import type { SeatView } from './deputies.queries';

/**
 * Where a member stands as a deputy candidate, latest step first: `seated` (drawn and in office),
 * `in_pool` (in the frozen pool of a sortition not yet drawn), `certified`, `volunteered`, `withdrawn`,
 * or `none` (never volunteered).
 */
export type CandidacyStatus = 'none' | 'volunteered' | 'certified' | 'in_pool' | 'seated' | 'withdrawn';

export interface CandidacyView {
  readonly status: CandidacyStatus;
  readonly statement: string | null;
  readonly volunteeredAt: string | null;
  readonly withdrawnAt: string | null;
  readonly certifiedOn: string | null;
  readonly training: string | null;
  /** The open sortition whose frozen pool holds the member, if any. */
  readonly pool: { readonly sortitionId: string; readonly status: string; readonly frozenAt: string } | null;
  /** The member's mandates, current and past, newest first. */
  readonly seats: SeatView[];
}

/** The caller's own candidacy and mandates in a collective. */
export class MyCandidacyQuery extends Query<CandidacyView> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string,
  ) {
    super();
  }
}
