import { z } from 'zod';

/** The ballot methods besides yes / no / abstain (which stays the default and binds the deputies). */
export const METHOD_IDS = ['preference', 'approval', 'd21'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/** What a ballot declares: `yes-no-abstain` (the default) or one of {@link METHOD_IDS}. */
export const BALLOT_METHODS = ['yes-no-abstain', ...METHOD_IDS] as const;
export type BallotMethodId = (typeof BALLOT_METHODS)[number];

/** One ballot as counted: its content (already validated and normalised) and its weight in micro-units. */
export interface WeightedBallot<B> {
  readonly ballot: B;
  readonly units: number;
}

/**
 * A ballot method: what a ballot's organiser sets (`optionsSchema`), what a voter sends
 * (`ballotSchema`, normalised so that equal choices give equal JSON) and how weighted ballots are
 * counted (`count`, pure and deterministic: ties go by `tieOrder`, a permutation of the options drawn
 * from the ballot's public seed). Delegation, weights, visibility, the live tally, the record and
 * verification are the engine's, the same for every method.
 */
export interface BallotMethod<O extends MethodOptionsBase, B, R> {
  readonly id: MethodId;
  readonly optionsSchema: z.ZodType<O>;
  ballotSchema(options: O): z.ZodType<B>;
  count(options: O, ballots: readonly WeightedBallot<B>[], tieOrder: readonly string[]): R;
}

/** Every method's options name the options voted on. */
export interface MethodOptionsBase {
  readonly options: readonly string[];
}

const optionId = z
  .string()
  .min(1, { error: '!ne doit pas être vide — must not be empty' })
  .max(64, { error: '!au plus 64 caractères — at most 64 characters' });

/** The options voted on: 2 to 50 distinct ids. */
export const optionList = z
  .array(optionId)
  .min(2, { error: '!au moins 2 options — at least 2 options' })
  .max(50, { error: '!au plus 50 options — at most 50 options' })
  .refine((list) => new Set(list).size === list.length, {
    error: '!les options doivent être distinctes — options must be distinct',
  });

/** A list of option ids taken from `options`, each at most once, sorted by the options' order. */
export function optionSubset(options: readonly string[], what: { fr: string; en: string }) {
  return z
    .array(z.string())
    .max(options.length)
    .refine((list) => list.every((id) => options.includes(id)), {
      error: `!${what.fr}\u202f: seulement des options du scrutin — ${what.en}: only the ballot's options`,
    })
    .refine((list) => new Set(list).size === list.length, {
      error: `!${what.fr}\u202f: chaque option une fois au plus — ${what.en}: each option at most once`,
    })
    .transform((list) => [...list].sort((a, b) => options.indexOf(a) - options.indexOf(b)));
}
