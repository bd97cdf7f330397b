import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ACTUAL_VOTES } from './compliance-rules';

const RollCallUrl = z
  .url({ protocol: /^https?$/, error: '!Une adresse http(s) — An http(s) address' })
  .max(2000);

/** A deputy's declaration of their vote in parliament, with an optional public explanation. */
export const DeclareVoteInput = z.strictObject({
  vote: z.enum(ACTUAL_VOTES),
  votedOn: z.iso.date(),
  rollCallUrl: RollCallUrl.optional(),
  explanation: z.string().trim().max(4000).optional(),
});
export type DeclareVoteInput = z.infer<typeof DeclareVoteInput>;
export class DeclareVoteDto extends createZodDto(DeclareVoteInput) {}

/** An organiser confirms the declared vote, or records it (with `vote`) when the deputy did not. */
export const ConfirmVoteInput = z.strictObject({
  vote: z.enum(ACTUAL_VOTES).optional(),
  votedOn: z.iso.date().optional(),
  rollCallUrl: RollCallUrl.optional(),
});
export type ConfirmVoteInput = z.infer<typeof ConfirmVoteInput>;
export class ConfirmVoteDto extends createZodDto(ConfirmVoteInput) {}

export const ROLL_CALL_FORMATS = ['an-scrutin', 'csv'] as const;

/** A roll-call file, as text: the Assemblée nationale's scrutin JSON or a plain CSV. */
export const ImportRollCallInput = z.strictObject({
  format: z.enum(ROLL_CALL_FORMATS),
  content: z.string().min(1).max(900_000),
  rollCallUrl: RollCallUrl.optional(),
  votedOn: z.iso.date().optional(),
});
export type ImportRollCallInput = z.infer<typeof ImportRollCallInput>;
export class ImportRollCallDto extends createZodDto(ImportRollCallInput) {}

/** Liquide deputies ↔ parliamentary identifiers (Assemblée nationale: `PA` and digits). */
export const ParliamentIdsInput = z.strictObject({
  mappings: z
    .array(z.strictObject({ memberId: z.uuid(), parliamentId: z.string().trim().min(1).max(64) }))
    .max(1000),
});
export type ParliamentIdsInput = z.infer<typeof ParliamentIdsInput>;
export class ParliamentIdsDto extends createZodDto(ParliamentIdsInput) {}

export const BallotDeputyParam = z.strictObject({ ballotId: z.uuid(), memberId: z.uuid() });
export class BallotDeputyParamDto extends createZodDto(BallotDeputyParam) {}

export const DeputyParam = z.strictObject({ collectiveId: z.uuid(), memberId: z.uuid() });
export class DeputyParamDto extends createZodDto(DeputyParam) {}

const Consequence = z.strictObject({
  enabled: z.boolean().default(false),
  /** Deviations (settled votes against the instruction) after which it applies, once per deputy. */
  afterDeviations: z.number().int().min(1).max(1000).default(3),
});

/** Consequences a collective chooses for deputies who deviate from their instructions; all off by default. */
export const ConsequenceSettings = z.strictObject({
  notice: Consequence.default({ enabled: false, afterDeviations: 3 }),
  recall: Consequence.default({ enabled: false, afterDeviations: 3 }),
  substitute: Consequence.default({ enabled: false, afterDeviations: 3 }),
});
export type ConsequenceSettings = z.infer<typeof ConsequenceSettings>;
export class ConsequenceSettingsDto extends createZodDto(ConsequenceSettings) {}
