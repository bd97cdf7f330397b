import { z } from 'zod';

const YEAR_SECONDS = 366 * 86_400;
const seconds = (fallback: number) => z.int().min(1).max(YEAR_SECONDS).default(fallback);
const percent = (fallback: number) => z.number().min(0).max(100).default(fallback);

/** Admission: an initiative needs `quorumPercent` of the eligible weight as supporters within the limit. */
export const AdmissionPolicy = z.strictObject({
  quorumPercent: percent(10),
  timeLimitSeconds: seconds(30 * 86_400),
});
/** Discussion: initiatives are revised, suggestions written and rated. */
export const DiscussionPolicy = z.strictObject({ durationSeconds: seconds(14 * 86_400) });
/** Verification: texts frozen; initiatives below the second quorum are not put to the vote. */
export const VerificationPolicy = z.strictObject({
  durationSeconds: seconds(7 * 86_400),
  quorumPercent: percent(10),
});
/** Voting: a preference ballot (Schulze) among the admitted initiatives and the status quo. */
export const VotingPolicy = z.strictObject({ durationSeconds: seconds(14 * 86_400) });
export const AgendaGlobalSettings = z.strictObject({});

/** The collective's policy, `{ global, phases }` as the plugin host stores it; snapshot on each issue. */
export const AgendaPolicy = z.strictObject({
  global: AgendaGlobalSettings.prefault({}),
  phases: z
    .strictObject({
      admission: AdmissionPolicy.prefault({}),
      discussion: DiscussionPolicy.prefault({}),
      verification: VerificationPolicy.prefault({}),
      voting: VotingPolicy.prefault({}),
    })
    .prefault({}),
});
export type AgendaPolicy = z.output<typeof AgendaPolicy>;

export const ISSUE_PHASES = [
  'admission',
  'discussion',
  'verification',
  'voting',
  'closed',
  'cancelled',
] as const;
export type IssuePhase = (typeof ISSUE_PHASES)[number];

/** The option id of the status quo in the preference ballot. */
export const STATUS_QUO = 'status-quo';

const title = z.string().trim().min(1).max(300);
const text = z.string().trim().min(1).max(50_000);

/** `POST /api/collectives/:id/agenda/areas` (organisers). `topicId`: delegations of that topic apply. */
export const CreateAreaInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  topicId: z.uuid().nullable().optional(),
});
export type CreateAreaInput = z.infer<typeof CreateAreaInput>;

/** `POST /api/agenda/areas/:areaId/issues`: a new issue with its first initiative. */
export const CreateIssueInput = z.strictObject({ title, initiative: z.strictObject({ title, text }) });
export type CreateIssueInput = z.infer<typeof CreateIssueInput>;

/** `POST /api/agenda/issues/:issueId/initiatives`: a competing initiative. */
export const InitiativeInput = z.strictObject({ title, text });
export type InitiativeInput = z.infer<typeof InitiativeInput>;

/** `PUT /api/agenda/initiatives/:initiativeId/text`: a revision (authors, before verification). */
export const ReviseInput = z.strictObject({ title: title.optional(), text });
export type ReviseInput = z.infer<typeof ReviseInput>;

/** `POST /api/agenda/initiatives/:initiativeId/suggestions`. */
export const SuggestionInput = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export type SuggestionInput = z.infer<typeof SuggestionInput>;

/** `PUT /api/agenda/suggestions/:suggestionId/rating`: LiquidFeedback's degrees −2 (must not) … +2 (must). */
export const RatingInput = z.strictObject({ degree: z.int().min(-2).max(2), fulfilled: z.boolean() });
export type RatingInput = z.infer<typeof RatingInput>;

/** Whether weighted support reaches a quorum given in percent of the eligible weight. */
export function reachesQuorum(support: number, eligible: number, quorumPercent: number): boolean {
  if (eligible <= 0) {
    return false;
  }
  return support * 100 >= quorumPercent * eligible && support > 0;
}

/** What the agenda reads of a preference ballot's final result. */
export interface PreferenceResult {
  readonly outcome?: {
    readonly winner?: string;
    readonly order?: readonly string[];
    readonly beatStatusQuo?: readonly string[];
  };
}

/**
 * The issue's decision: the Schulze winner when it is the status quo or beats the status quo head to
 * head (LiquidFeedback's rule: an initiative passes only against the status quo), else the status quo.
 */
export function decisionOf(result: PreferenceResult): { winner: string; order: string[] } {
  const outcome = result.outcome ?? {};
  const winner = outcome.winner ?? STATUS_QUO;
  const passes = winner === STATUS_QUO || (outcome.beatStatusQuo ?? []).includes(winner);
  return { winner: passes ? winner : STATUS_QUO, order: [...(outcome.order ?? [])] };
}
export * from './live';
