import { toCsv } from '../common/csv';
import type { ApprovalOutcome, D21Outcome, MethodTallyResult, PreferenceOutcome } from '../ballot-methods';
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
  ballot: ClosedBallotPayload & { readonly result: TallyResult },
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

/**
 * `option,weight,seats` then one row per option; `seats` is empty where the result has none. A method
 * ballot gives one row per option, in the result's order: `option,rank,…` with its method's figures.
 */
export function toResultsCsv(result: TallyResult | MethodTallyResult): string {
  if ('method' in result) {
    return methodCsv(result);
  }
  return toCsv([
    ['option', 'weight', 'seats'],
    ...OPTIONS.map((option) => [option, result.totals[option], result.seats?.[option]]),
  ]);
}

function methodCsv(result: MethodTallyResult): string {
  switch (result.method) {
    case 'preference': {
      const o = result.outcome as PreferenceOutcome;
      const wins = (id: string) => {
        const i = o.options.indexOf(id);
        return o.options.filter((_, j) => j !== i && o.pairwise[i][j] > o.pairwise[j][i]).length;
      };
      return toCsv([
        ['option', 'rank', 'pairwise_wins'],
        ...o.order.map((id, rank) => [id, rank + 1, wins(id)]),
      ]);
    }
    case 'approval': {
      const o = result.outcome as ApprovalOutcome;
      return toCsv([
        ['option', 'rank', 'approvals'],
        ...o.order.map((id, rank) => [id, rank + 1, o.approvals[id]]),
      ]);
    }
    case 'd21': {
      const o = result.outcome as D21Outcome;
      return toCsv([
        ['option', 'rank', 'plus', 'minus', 'score'],
        ...o.order.map((id, rank) => [id, rank + 1, o.plus[id], o.minus[id], o.score[id]]),
      ]);
    }
  }
}
