import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const RequestToJoinInput = z.strictObject({
  /** A word to the organisers (who you are, why you join). */
  message: z.string().trim().max(1000).default(''),
});
export class RequestToJoinDto extends createZodDto(RequestToJoinInput) {}

export const JoinDecisionInput = z.strictObject({ approve: z.boolean() });
export class JoinDecisionDto extends createZodDto(JoinDecisionInput) {}

export const JoinRequestParam = z.strictObject({ collectiveId: z.uuid(), requestId: z.uuid() });
export class JoinRequestParamDto extends createZodDto(JoinRequestParam) {}
