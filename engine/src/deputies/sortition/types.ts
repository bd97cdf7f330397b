import { z } from 'zod';

/** One eligible (certified) volunteer as frozen in a pool: an id and the attributes the quotas use. */
export interface PoolEntry {
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * An opaque household label (`h1`, `h2`…), present only when the volunteer shares a household with
   * another volunteer of the pool and the sortition applies the "one per household" rule.
   */
  readonly household?: string;
}

/**
 * A quota on one attribute value: the panel holds at least `min` and at most `max` volunteers whose
 * `attributes[attribute] === value`.
 */
export interface Quota {
  readonly attribute: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
}

/** Algorithm versions: a proof names one, and replaying it runs exactly that algorithm. */
export const ALGORITHMS = ['uniform-fisher-yates/1', 'maximin-colgen-highs/1'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Format tag of a sortition proof. */
export const PROOF_FORMAT = 'liquide-sortition-proof/1';

/** Digits after the point of the published selection probabilities. */
export const PROBABILITY_DIGITS = 9;

const id = z.string().min(1).max(256);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');
const count = z.number().int().min(0).max(1_000_000);

export const PoolEntrySchema = z.strictObject({
  id,
  attributes: z.record(z.string().max(64), z.string().max(200)),
  household: z
    .string()
    .regex(/^h[1-9]\d{0,6}$/)
    .optional(),
});

export const QuotaSchema = z
  .strictObject({
    attribute: z.string().min(1).max(64),
    value: z.string().max(200),
    min: count,
    max: count,
  })
  .refine((q) => q.min <= q.max, { path: ['max'], message: '!doit être ≥ min — must be ≥ min' });

/** The published probability distribution over quota-satisfying panels (integer weights). */
export const DistributionSchema = z.strictObject({
  denominator: z.number().int().positive(),
  panels: z.array(z.strictObject({ members: z.array(id), weight: z.number().int().positive() })),
});
export type Distribution = z.infer<typeof DistributionSchema>;

/** A published sortition proof, replayable by `liquide verify-sortition` (docs/sortition.md). */
export const SortitionProofSchema = z.strictObject({
  format: z.literal(PROOF_FORMAT),
  algorithm: z.enum(ALGORITHMS),
  collectiveId: id,
  sortitionId: id,
  pool: z.array(PoolEntrySchema),
  poolHash: hex64,
  seats: z.number().int().positive(),
  substituteCount: count,
  quotas: z.array(QuotaSchema),
  seedCommitment: hex64,
  seed: z.string().min(1).max(256),
  publicValueSource: z.string().min(1).max(1000),
  publicValue: z.string().min(1).max(1000),
  finalSeed: hex64,
  distribution: DistributionSchema.nullable(),
  panel: z.array(id),
  substitutes: z.array(id),
  probabilities: z.record(id, z.string().regex(/^[01]\.\d{9}$/)),
  frozenAt: z.iso.datetime(),
  committedAt: z.iso.datetime(),
  drawnAt: z.iso.datetime(),
  proofHash: hex64,
});
export type SortitionProof = z.infer<typeof SortitionProofSchema>;

/** What a draw computes from (pool, quotas, seats, final seed, algorithm). */
export interface DrawOutcome {
  readonly algorithm: Algorithm;
  readonly distribution: Distribution | null;
  /** The drawn deputies, sorted by id. */
  readonly panel: string[];
  /** Ranked substitutes, first replaces first. */
  readonly substitutes: string[];
  /** Each volunteer's selection probability, fixed-point decimal text. */
  readonly probabilities: Record<string, string>;
}
