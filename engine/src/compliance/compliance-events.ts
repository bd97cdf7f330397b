import type { ActualVoteChoice, Compliance, VoteSource } from './compliance-rules';

/** Record event: a deputy's actual vote was declared, confirmed or imported. */
export const VOTE_RECORDED = 'compliance.vote_recorded';
/** Record event: a roll-call file was imported for a ballot (its votes follow as `compliance.vote_recorded`). */
export const ROLL_CALL_IMPORTED = 'compliance.roll_call_imported';
/** Record event: a consequence the collective chose was applied to a deputy. */
export const CONSEQUENCE_APPLIED = 'compliance.consequence_applied';

/** Settled figures (pending is left out: it moves with every instruction issued). */
export interface SettledFigures {
  readonly followed: number;
  readonly deviated: number;
  readonly absent: number;
}

/** Payload of `compliance.vote_recorded`; `liquide verify` recomputes `compliance` and `figures`. */
export interface VoteRecordedPayload {
  readonly ballotId: string;
  readonly billId: string;
  readonly deputy: string;
  readonly vote: ActualVoteChoice;
  readonly source: VoteSource;
  readonly votedOn: string | null;
  readonly rollCallUrl: string | null;
  /** SHA-256 of the public explanation, null without one. */
  readonly explanationSha256: string | null;
  readonly compliance: Compliance;
  readonly figures: { readonly deputy: SettledFigures; readonly collective: SettledFigures };
}

/** Published after the commit of actual votes (one per deputy whose settled figures may have changed). */
export class ActualVotesRecordedEvent {
  constructor(
    readonly collectiveId: string,
    readonly ballotId: string,
    readonly deputies: readonly string[],
  ) {}
}
