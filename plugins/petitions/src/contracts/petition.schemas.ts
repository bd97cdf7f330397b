import { z } from 'zod';

/**
 * A petition's states: `draft` (gathering sponsors) → `sponsored` → `pending` (moderation) →
 * `deliberation` (when the phase is enabled) → `open` (signatures) → `closed` → `answered`;
 * or `rejected` by moderation.
 */
export const PETITION_STATUSES = [
  'draft',
  'sponsored',
  'pending',
  'deliberation',
  'open',
  'rejected',
  'closed',
  'answered',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Why moderation refused a petition. */
export const REJECTION_REASONS = [
  'duplicate',
  'out-of-scope',
  'offensive',
  'defamatory',
  'personal-data',
  'not-actionable',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** `POST /api/collectives/:collectiveId/petitions`: a member drafts a petition. */
export const DraftPetitionInput = z.strictObject({
  title: z.string().trim().min(5).max(200),
  text: z.string().trim().min(1).max(20_000),
  /** To whom it is addressed (a ministry, the assembly, the organisers…). */
  addressee: z.string().trim().min(1).max(200),
  /** A bill of the collective that the petition supports (put to ballot by a `binding` threshold). */
  billId: z.uuid().nullable().optional(),
});
export type DraftPetitionInput = z.infer<typeof DraftPetitionInput>;

/** `POST /api/petitions/:petitionId/moderation`: approve, or reject with a reason code. */
export const ModeratePetitionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reasonCode: z.enum(REJECTION_REASONS).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'reject' && !input.reasonCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonCode'],
        message: '!requis pour un rejet — required to reject',
      });
    }
  });
export type ModeratePetitionInput = z.infer<typeof ModeratePetitionInput>;

/** `POST /api/petitions/:petitionId/comments`: during deliberation. `for`/`against` need arguments enabled. */
export const CommentInput = z.strictObject({
  stance: z.enum(['comment', 'for', 'against']).default('comment'),
  text: z.string().trim().min(1).max(5000),
});
export type CommentInput = z.infer<typeof CommentInput>;

/** `POST /api/petitions/:petitionId/answer`: the official answer. */
export const AnswerInput = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  /** Who answers, as it will be published (e.g. "Ministère de la Transition écologique"). */
  by: z.string().trim().min(1).max(200),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

/** Socket `petition:watch` / `petition:unwatch` payload. */
export const PetitionWatchInput = z.strictObject({ petitionId: z.uuid() });
export type PetitionWatchInput = z.infer<typeof PetitionWatchInput>;
