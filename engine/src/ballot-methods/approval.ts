import { z } from 'zod';
import { fromUnits } from '../tally';
import { optionList, optionSubset, type BallotMethod, type WeightedBallot } from './ballot-method';
import { orderByScore } from './scores';

/** An approval ballot's settings: the options and, optionally, how many one may approve at most. */
export const ApprovalOptions = z.strictObject({
  options: optionList,
  maxApprovals: z.number().int().min(1).max(50).optional(),
});
export type ApprovalOptions = z.infer<typeof ApprovalOptions>;

/** The options the voter approves (none is a valid ballot: it counts for turnout only). */
export interface ApprovalBallot {
  readonly approve: string[];
}

export interface ApprovalOutcome {
  readonly options: readonly string[];
  /** Weight approving each option. */
  readonly approvals: Record<string, number>;
  readonly order: readonly string[];
  readonly winner: string;
  readonly tieBroken: boolean;
}

function ballotSchema(o: ApprovalOptions): z.ZodType<ApprovalBallot> {
  const max = o.maxApprovals ?? o.options.length;
  return z.strictObject({
    approve: optionSubset(o.options, { fr: 'approuvées', en: 'approve' }).refine(
      (list) => list.length <= max,
      {
        error: `!au plus ${max} options approuvées — at most ${max} approved options`,
      },
    ),
  });
}

function count(
  o: ApprovalOptions,
  ballots: readonly WeightedBallot<ApprovalBallot>[],
  tieOrder: readonly string[],
): ApprovalOutcome {
  const units = new Map(o.options.map((id) => [id, 0]));
  for (const { ballot, units: weight } of ballots) {
    for (const id of ballot.approve) {
      units.set(id, units.get(id)! + weight);
    }
  }
  const { order, tieBroken } = orderByScore(o.options, (id) => units.get(id)!, tieOrder);
  return {
    options: o.options,
    approvals: Object.fromEntries(o.options.map((id) => [id, fromUnits(units.get(id)!)])),
    order,
    winner: order[0],
    tieBroken,
  };
}

/** Approval voting: each voter approves any number of options; most approved weight wins. */
export const approvalMethod: BallotMethod<ApprovalOptions, ApprovalBallot, ApprovalOutcome> = {
  id: 'approval',
  optionsSchema: ApprovalOptions,
  ballotSchema,
  count,
};
