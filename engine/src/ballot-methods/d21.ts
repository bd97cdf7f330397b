import { z } from 'zod';
import { fromUnits } from '../tally';
import { optionList, optionSubset, type BallotMethod, type WeightedBallot } from './ballot-method';
import { orderByScore } from './scores';

/**
 * A D21 (Janeček) ballot's settings: `plus` votes per voter (fewer than the options, since a voter
 * must have more votes than there are winners yet not approve everything) and `minus` votes (0 or 1).
 */
export const D21Options = z
  .strictObject({
    options: optionList,
    plus: z.number().int().min(1).max(49),
    minus: z.number().int().min(0).max(1).optional(),
  })
  .refine((o) => o.plus < o.options.length, {
    path: ['plus'],
    error: '!moins de votes plus que d’options — fewer plus votes than options',
  });
export type D21Options = z.infer<typeof D21Options>;

/** The options given a plus vote and those given a minus vote. */
export interface D21Ballot {
  readonly plus: string[];
  readonly minus: string[];
}

export interface D21Outcome {
  readonly options: readonly string[];
  readonly plus: Record<string, number>;
  readonly minus: Record<string, number>;
  /** plus − minus, per option. */
  readonly score: Record<string, number>;
  readonly order: readonly string[];
  readonly winner: string;
  readonly tieBroken: boolean;
}

/**
 * The rules of the method (Institute H21, "Rules of D21 – Janeček method"): at most `plus` plus votes
 * and `minus` minus votes; one vote per option at most (never plus and minus on the same one); a minus
 * vote only with at least two plus votes.
 */
function ballotSchema(o: D21Options): z.ZodType<D21Ballot> {
  const minus = o.minus ?? 0;
  return z
    .strictObject({
      plus: optionSubset(o.options, { fr: 'votes plus', en: 'plus votes' }).refine(
        (l) => l.length <= o.plus,
        {
          error: `!au plus ${o.plus} votes plus — at most ${o.plus} plus votes`,
        },
      ),
      minus: optionSubset(o.options, { fr: 'votes moins', en: 'minus votes' })
        .refine((l) => l.length <= minus, {
          error: `!au plus ${minus} vote moins — at most ${minus} minus vote`,
        })
        .optional()
        .transform((l) => l ?? []),
    })
    .superRefine((b, ctx) => {
      if (b.minus.length > 0 && b.plus.length < 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['minus'],
          message:
            '!un vote moins demande au moins deux votes plus — a minus vote needs at least two plus votes',
        });
      }
      if (b.minus.some((id) => b.plus.includes(id))) {
        ctx.addIssue({
          code: 'custom',
          path: ['minus'],
          message: '!une option reçoit un seul vote — an option gets one vote at most',
        });
      }
    });
}

function count(
  o: D21Options,
  ballots: readonly WeightedBallot<D21Ballot>[],
  tieOrder: readonly string[],
): D21Outcome {
  const plus = new Map(o.options.map((id) => [id, 0]));
  const minus = new Map(o.options.map((id) => [id, 0]));
  for (const { ballot, units } of ballots) {
    ballot.plus.forEach((id) => plus.set(id, plus.get(id)! + units));
    ballot.minus.forEach((id) => minus.set(id, minus.get(id)! + units));
  }
  const score = (id: string) => plus.get(id)! - minus.get(id)!;
  const { order, tieBroken } = orderByScore(o.options, score, tieOrder);
  const per = (f: (id: string) => number) =>
    Object.fromEntries(o.options.map((id) => [id, fromUnits(f(id))]));
  return {
    options: o.options,
    plus: per((id) => plus.get(id)!),
    minus: per((id) => minus.get(id)!),
    score: per(score),
    order,
    winner: order[0],
    tieBroken,
  };
}

/** D21 – Janeček method: several plus votes, at most one minus vote; score = plus − minus. */
export const d21Method: BallotMethod<D21Options, D21Ballot, D21Outcome> = {
  id: 'd21',
  optionsSchema: D21Options,
  ballotSchema,
  count,
};
