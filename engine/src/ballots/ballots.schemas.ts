import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { BALLOT_METHODS, ballotMethod } from '../ballot-methods';

export const CreateBallotInput = z
  .strictObject({
    billId: z.uuid(),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    visibility: z.enum(['live', 'after-vote', 'after-close']).optional(),
    mandateMethod: z.enum(['largest-remainder', 'dhondt', 'sainte-lague']).optional(),
    mandateBase: z.enum(['cast', 'members']).optional(),
    deputies: z.number().int().min(1).max(100_000).optional(),
    /** `yes-no-abstain` by default; another method needs its `methodOptions` (docs/tally-rules.md). */
    method: z.enum(BALLOT_METHODS).optional(),
    methodOptions: z.unknown().optional(),
  })
  .superRefine((input, ctx) => {
    const method = input.method ?? 'yes-no-abstain';
    if (method === 'yes-no-abstain') {
      if (input.methodOptions !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['methodOptions'],
          message:
            '!seulement avec une méthode autre que oui / non / abstention — only with a method other than yes / no / abstain',
        });
      }
      return;
    }
    const parsed = ballotMethod(method).optionsSchema.safeParse(input.methodOptions);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ ...issue, path: ['methodOptions', ...issue.path] });
      }
    }
  })
  .refine((input) => new Date(input.closesAt) > new Date(input.opensAt), {
    path: ['closesAt'],
    message: '!doit être après opensAt — must be after opensAt',
  });
export class CreateBallotDto extends createZodDto(CreateBallotInput) {}

/** `POST /api/ballots/:id/open`: optionally, the end the organiser chooses (else opening + planned length). */
export const OpenBallotInput = z.strictObject({
  closesAt: z.iso.datetime({ offset: true }).optional(),
});

export const BallotParam = z.strictObject({ ballotId: z.uuid() });
export class BallotParamDto extends createZodDto(BallotParam) {}
