import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestId } from '../common/request-id.schema';
import { boundedRecord } from '../errors/bounded-record';

/**
 * `choice` on a yes / no / abstain ballot; `ballot` on a method ballot (its shape is the method's:
 * `{ranking}`, `{approve}`, `{plus, minus}`, checked against the ballot's options by the handler).
 */
export const CastVoteInput = z
  .strictObject({
    choice: z.enum(['yes', 'no', 'abstain']).optional(),
    ballot: boundedRecord(z.string().max(32), z.unknown(), 4).optional(),
    requestId,
  })
  .refine((input) => (input.choice === undefined) !== (input.ballot === undefined), {
    path: ['choice'],
    message:
      '!requis, ou « ballot » sur un scrutin à méthode (l’un des deux) — required, or "ballot" on a method ballot (one of the two)',
  });
export class CastVoteDto extends createZodDto(CastVoteInput) {}
