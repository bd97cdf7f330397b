import { z } from 'zod';

/** Why moderation removed a question (shown to the asker and in the open data). */
export const REMOVAL_REASONS = [
  'duplicate',
  'off-topic',
  'offensive',
  'defamatory',
  'personal-data',
  'other',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const QUESTION_STATUSES = ['published', 'removed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** Settings per collective (plugin host: `{ global }`). */
export const QuestionsGlobalSettings = z.strictObject({
  /** Questions one member may ask on one bill. */
  maxPerMemberPerBill: z.number().int().min(1).max(100).default(3),
});
export type QuestionsGlobalSettings = z.infer<typeof QuestionsGlobalSettings>;

/** `POST /api/bills/:billId/questions`: a member asks the deputies a question on a bill. */
export const AskQuestionInput = z.strictObject({
  text: z.string().trim().min(10).max(2000),
});
export type AskQuestionInput = z.infer<typeof AskQuestionInput>;

/** `POST /api/questions/:questionId/answers`: a deputy answers publicly. */
export const AnswerQuestionInput = z.strictObject({
  text: z.string().trim().min(1).max(5000),
});
export type AnswerQuestionInput = z.infer<typeof AnswerQuestionInput>;

/** `POST /api/questions/:questionId/moderation`: an organiser removes a question, with a reason code. */
export const ModerateQuestionInput = z.strictObject({
  reasonCode: z.enum(REMOVAL_REASONS),
  note: z.string().trim().max(2000).optional(),
});
export type ModerateQuestionInput = z.infer<typeof ModerateQuestionInput>;

export interface AnswerView {
  readonly id: string;
  readonly deputy: string;
  readonly deputyName: string;
  readonly text: string;
  readonly answeredAt: string;
}

/** A question as listed on its bill, most supported first. */
export interface QuestionView {
  readonly id: string;
  readonly billId: string;
  readonly askerName: string;
  readonly text: string;
  readonly status: QuestionStatus;
  readonly reasonCode: RemovalReason | null;
  readonly supports: number;
  /** Whether the caller supports it (false for anonymous callers). */
  readonly supportedByMe: boolean;
  readonly mine: boolean;
  readonly askedAt: string;
  readonly answers: readonly AnswerView[];
}
