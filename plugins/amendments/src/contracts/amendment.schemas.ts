import { z } from 'zod';

/** Statuses: `proposed` → `voting` (yes/no ballot) or `contest` (ranked) → `adopted` | `rejected`; `adopted` with a merge that no longer applies becomes `lapsed`; the author may withdraw a `proposed` one. */
export const AMENDMENT_STATUSES = [
  'proposed',
  'voting',
  'contest',
  'adopted',
  'rejected',
  'withdrawn',
  'lapsed',
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const AMENDMENT_KINDS = ['replace', 'insert-after', 'delete'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** The option of a ranked contest that keeps the article as it is. */
export const STATUS_QUO = 'status-quo';

/** `POST /api/bills/:billId/amendments`. */
export const ProposeAmendmentInput = z
  .strictObject({
    articleId: z.uuid(),
    kind: z.enum(AMENDMENT_KINDS),
    heading: z.string().trim().max(300).optional(),
    text: z.string().trim().min(1).max(50_000).optional(),
    rationale: z.string().trim().max(10_000),
  })
  .superRefine((input, ctx) => {
    if (input.kind !== 'delete' && !input.text) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: '!requis pour remplacer ou insérer — required to replace or insert',
      });
    }
    if (input.kind === 'delete' && input.text) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: '!pas de texte pour une suppression — no text for a deletion',
      });
    }
  });
export type ProposeAmendmentInput = z.output<typeof ProposeAmendmentInput>;

/** `PUT /api/bills/:billId/amendments/phase`: organisers open or close the amendment phase. */
export const AmendmentPhaseInput = z.strictObject({
  open: z.boolean(),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type AmendmentPhaseInput = z.output<typeof AmendmentPhaseInput>;

/** `POST /api/amendments/:amendmentId/ballot`: put an amendment to a yes/no vote (opened now). */
export const AmendmentBallotInput = z.strictObject({
  closesAt: z.iso.datetime({ offset: true }).optional(),
  visibility: z.enum(['live', 'after-vote', 'after-close']).optional(),
});
export type AmendmentBallotInput = z.output<typeof AmendmentBallotInput>;

/** `POST /api/bills/:billId/amendment-contests`: competing amendments on one article, ranked. */
export const CreateContestInput = z.strictObject({
  articleId: z.uuid(),
  amendmentIds: z.array(z.uuid()).min(2).max(50),
});
export type CreateContestInput = z.output<typeof CreateContestInput>;

/** `PUT /api/amendment-contests/:contestId/ranking`: options (amendment ids or `status-quo`), best first. */
export const RankingInput = z.strictObject({
  ranking: z.array(z.string().min(1).max(60)).min(1).max(51),
});
export type RankingInput = z.output<typeof RankingInput>;

/** The result an amendment keeps once decided. */
export type AmendmentResult =
  | { readonly by: 'ballot'; readonly totals: { yes: number; no: number; abstain: number; absent: number } }
  | { readonly by: 'contest'; readonly contestId: string; readonly rank: number; readonly winner: string }
  | { readonly by: 'merge'; readonly reason: string };
