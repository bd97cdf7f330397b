import { z } from 'zod';
import { SortitionProofSchema, type SortitionProof } from './types';

/**
 * The LEXIMIN algorithm over groups of interchangeable volunteers (docs/sortition.md) that new draws use.
 * Version 2 prices columns at smoothed duals, two a round: the same inputs give another optimal
 * distribution than version 1 did, so the name changed with it. Version 3 widens the fixing margin of the
 * groups just fixed only, when a level's LP is infeasible, never lowering an earlier level's groups (version
 * 2 lowered them all, which could break the earlier levels' certificates): where version 2 widened a
 * margin, version 3 publishes another distribution. Version 4 solves every LP to a feasibility of 10⁻¹⁰
 * rather than 10⁻⁷ and publishes weights out of about 10¹² rather than 10⁹: version 3's distributions could
 * miss their later levels' certificates by up to 1.7·10⁻⁶ (issue #17).
 */
export const LEXIMIN_ALGORITHM = 'leximin-groups-highs/4';
/**
 * Every LEXIMIN version a proof may name. A proof is verified from its distribution and its certificates,
 * never by running the optimisation again, so the checks are the same for each.
 */
export const LEXIMIN_ALGORITHMS = [
  'leximin-groups-highs/1',
  'leximin-groups-highs/2',
  'leximin-groups-highs/3',
  LEXIMIN_ALGORITHM,
] as const;
/** Proofs of LEXIMIN draws: compositions, levels and their optimality certificates. */
export const LEXIMIN_PROOF_FORMAT = 'liquide-sortition-proof/2';
/** A level is accepted when no distribution can raise its groups by more than this (probability). */
export const CERTIFICATE_TOLERANCE = 1e-6;

const probability = z.string().regex(/^[01]\.\d{9}$/);
/**
 * Certificate numbers are published as text (JavaScript's shortest round-trip form, `0.1428…`, `1e-7`), so
 * that the hashed text is the number: a changed digit always changes the proof's hash.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/, 'must be a decimal number');
const nonNegative = decimal.refine((v) => !v.startsWith('-'), 'must be ≥ 0');

/** One level: the groups fixed at it, their (smallest) probability and the certificate of optimality. */
export const LevelSchema = z.strictObject({
  value: probability,
  groups: z.array(z.number().int().min(0)).min(1),
  /** Dual prices `[group, y]` (groups not listed: 0). */
  prices: z.array(z.tuple([z.number().int().min(0), nonNegative])),
  /** Multipliers of the pricing LP's dual: seats (any sign), per quota max and min, per household. */
  multipliers: z.strictObject({
    seats: decimal,
    max: z.array(nonNegative),
    min: z.array(nonNegative),
    households: z.array(nonNegative),
  }),
});
export type LevelProof = z.infer<typeof LevelSchema>;

/** The published LEXIMIN distribution: integer weights over compositions (a count per group). */
export const LeximinDistributionSchema = z.strictObject({
  denominator: z.number().int().positive(),
  panels: z.array(
    z.strictObject({ counts: z.array(z.number().int().min(0)), weight: z.number().int().positive() }),
  ),
  levels: z.array(LevelSchema),
});
export type LeximinDistribution = z.infer<typeof LeximinDistributionSchema>;

export const LeximinProofSchema = SortitionProofSchema.extend({
  format: z.literal(LEXIMIN_PROOF_FORMAT),
  algorithm: z.enum(LEXIMIN_ALGORITHMS),
  distribution: LeximinDistributionSchema,
});
export type LeximinProof = z.infer<typeof LeximinProofSchema>;

/** Any published proof: format 1 (uniform, maximin) or format 2 (LEXIMIN). */
export type AnySortitionProof = SortitionProof | LeximinProof;
