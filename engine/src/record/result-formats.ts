import { toCsv } from '../common/csv';
import type { TallyResult } from '../tally';
import type { ClosedBallotPayload } from './record-format';

/** The options Liquide reports, in this order. */
const OPTIONS = ['yes', 'no', 'abstain', 'absent'] as const;

/** A Popolo VoteEvent (https://www.popoloproject.com/specs/vote-event.html). */
export interface PopoloVoteEvent {
  readonly id: string;
  readonly identifier: string;
  readonly motion_id: string;
  readonly organization_id: string;
  readonly start_date?: string;
  readonly end_date?: string;
  /** `pass` when more weight went to yes than to no, else `fail`. */
  readonly result: 'pass' | 'fail';
  readonly counts: readonly { readonly option: (typeof OPTIONS)[number]; readonly value: number }[];
  /** One per casting voter, by the pseudonymous id the record's scenario gives them. */
  readonly votes: readonly {
    readonly voter_id: string;
    readonly option: 'yes' | 'no' | 'abstain';
    /** Own weight plus the weight delegated to this voter (after the cap). */
    readonly weight: number;
  }[];
}

/** A closed ballot as a Popolo VoteEvent; only ids that appear in the (pseudonymised) scenario are used. */
export function toPopoloVoteEvent(
  collectiveId: string,
  ballot: ClosedBallotPayload,
  dates: { readonly openedAt?: string; readonly closedAt?: string },
): PopoloVoteEvent {
  const { totals, voters } = ballot.result;
  const scenarioIds = new Set(ballot.scenario.members.map((member) => member.id));
  return {
    id: ballot.ballotId,
    identifier: ballot.ballotId,
    motion_id: ballot.billId,
    organization_id: collectiveId,
    ...(dates.openedAt === undefined ? {} : { start_date: dates.openedAt }),
    ...(dates.closedAt === undefined ? {} : { end_date: dates.closedAt }),
    result: totals.yes > totals.no ? 'pass' : 'fail',
    counts: OPTIONS.map((option) => ({ option, value: totals[option] })),
    votes: Object.entries(voters)
      .filter(([id]) => scenarioIds.has(id))
      .map(([id, voter]) => ({ voter_id: id, option: voter.choice, weight: voter.weight })),
  };
}

/** `option,weight,seats` then one row per option; `seats` is empty where the result has none. */
export function toResultsCsv(result: TallyResult): string {
  return toCsv([
    ['option', 'weight', 'seats'],
    ...OPTIONS.map((option) => [option, result.totals[option], result.seats?.[option]]),
  ]);
}
