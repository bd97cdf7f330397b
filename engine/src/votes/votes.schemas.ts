import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestId } from '../common/request-id.schema';

export const CastVoteInput = z.strictObject({
  choice: z.enum(['yes', 'no', 'abstain']),
  requestId,
});
export class CastVoteDto extends createZodDto(CastVoteInput) {}
