import { z } from 'zod';

/**
 * How an amendment's yes/no ballot decides: `majority-of-cast` adopts when yes > no (abstentions
 * do not count); `majority-of-expressed` when yes > no + abstain.
 */
export const AdoptionRule = z.enum(['majority-of-cast', 'majority-of-expressed']);
export type AdoptionRule = z.output<typeof AdoptionRule>;

/** Settings for the whole plugin. */
export const AmendmentsGlobalSettings = z.strictObject({
  adoption: AdoptionRule.default('majority-of-cast'),
});

/** The amendment phase: what members may propose. */
export const AmendmentPhaseSettings = z.strictObject({
  /** Amendments one member may have pending on one bill (withdrawn ones do not count). */
  maxPerMember: z.int().min(1).max(1000).default(20),
  /** Shortest rationale accepted, in characters. */
  minRationale: z.int().min(0).max(2000).default(10),
  /** Whether members may propose to delete an article. */
  allowDeletion: z.boolean().default(true),
});

/** The vote phase: how amendments are put to the vote. */
export const VotePhaseSettings = z.strictObject({
  /** Default length of an amendment's ballot, in hours. */
  ballotHours: z
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  /** Whether organisers may decide competing amendments by a ranked (Schulze) contest. */
  rankedContests: z.boolean().default(true),
});

/** Stored settings with defaults applied. */
export const AmendmentsSettings = z.strictObject({
  global: AmendmentsGlobalSettings.prefault({}),
  phases: z
    .strictObject({
      amendment: AmendmentPhaseSettings.prefault({}),
      vote: VotePhaseSettings.prefault({}),
    })
    .prefault({}),
});
export type AmendmentsSettings = z.output<typeof AmendmentsSettings>;

/** Whether a yes/no result adopts the amendment under the rule. */
export function isAdopted(rule: AdoptionRule, totals: { yes: number; no: number; abstain: number }): boolean {
  switch (rule) {
    case 'majority-of-cast':
      return totals.yes > totals.no;
    case 'majority-of-expressed':
      return totals.yes > totals.no + totals.abstain;
  }
}
