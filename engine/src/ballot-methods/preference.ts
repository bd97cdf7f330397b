import { z } from 'zod';
import { fromUnits } from '../tally';
import { optionList, type BallotMethod, type WeightedBallot } from './ballot-method';
import { schulze } from './schulze';

/** A preference ballot's settings: the options and, optionally, which of them is the status quo. */
export const PreferenceOptions = z
  .strictObject({ options: optionList, statusQuo: z.string().optional() })
  .refine((o) => o.statusQuo === undefined || o.options.includes(o.statusQuo), {
    path: ['statusQuo'],
    error: '!doit être une des options — must be one of the options',
  });
export type PreferenceOptions = z.infer<typeof PreferenceOptions>;

/** A ranking: groups of options, best first; options in one group rank equal; options left out rank last. */
export interface PreferenceBallot {
  readonly ranking: string[][];
}

/** The count: the pairwise matrix, path strengths and the order (weights as decimals). */
export interface PreferenceOutcome {
  readonly options: readonly string[];
  /** `pairwise[i][j]`: the weight ranking option i above option j. */
  readonly pairwise: number[][];
  /** `strength[i][j]`: the strongest path from i to j (winning margins). */
  readonly strength: number[][];
  readonly order: readonly string[];
  readonly winner: string;
  readonly tieBroken: boolean;
  /** With a status quo: the options that beat it head to head (more weight ranks them above it). */
  readonly beatStatusQuo?: readonly string[];
}

function ballotSchema(o: PreferenceOptions): z.ZodType<PreferenceBallot> {
  return z
    .strictObject({
      ranking: z
        .array(
          z
            .array(z.string().max(64))
            .min(1, { error: '!un rang ne peut être vide — a rank cannot be empty' })
            .max(o.options.length),
        )
        .max(o.options.length),
    })
    .superRefine((b, ctx) => {
      const seen = new Set<string>();
      b.ranking.flat().forEach((id) => {
        if (!o.options.includes(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['ranking'],
            message: `!« ${id} » n’est pas une option du scrutin — "${id}" is not an option of the ballot`,
          });
        } else if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['ranking'],
            message: `!« ${id} » est classée deux fois — "${id}" is ranked twice`,
          });
        }
        seen.add(id);
      });
    })
    .transform((b) => ({
      // canonical: each group in the options' order
      ranking: b.ranking.map((group) =>
        [...group].sort((x, y) => o.options.indexOf(x) - o.options.indexOf(y)),
      ),
    }));
}

function count(
  o: PreferenceOptions,
  ballots: readonly WeightedBallot<PreferenceBallot>[],
  tieOrder: readonly string[],
): PreferenceOutcome {
  const result = schulze(
    o.options,
    ballots.map((b) => ({ ranking: b.ballot.ranking, weight: b.units })),
    tieOrder,
  );
  const decimals = (m: number[][]) => m.map((row) => row.map(fromUnits));
  const outcome: PreferenceOutcome = {
    options: o.options,
    pairwise: decimals(result.pairwise),
    strength: decimals(result.strength),
    order: result.order,
    winner: result.winner,
    tieBroken: result.tieBroken,
  };
  if (o.statusQuo === undefined) {
    return outcome;
  }
  const q = o.options.indexOf(o.statusQuo);
  const beat = o.options.filter((_, i) => i !== q && result.pairwise[i][q] > result.pairwise[q][i]);
  return { ...outcome, beatStatusQuo: beat };
}

/** Preference voting counted with Schulze (winning margins), ties in rankings allowed. */
export const preferenceMethod: BallotMethod<PreferenceOptions, PreferenceBallot, PreferenceOutcome> = {
  id: 'preference',
  optionsSchema: PreferenceOptions,
  ballotSchema,
  count,
};
