import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { requestId } from '../common/request-id.schema';

const scopeTarget = {
  scope: z.enum(['global', 'topic', 'bill']),
  topicId: z.uuid().optional(),
  billId: z.uuid().optional(),
};

function targetRule<T extends { scope: string; topicId?: string; billId?: string }>(
  input: T,
  ctx: z.RefinementCtx,
): void {
  if (input.scope === 'topic' && !input.topicId) {
    ctx.addIssue({
      code: 'custom',
      path: ['topicId'],
      message: '!requis pour la portée topic — required for scope topic',
    });
  }
  if (input.scope === 'bill' && !input.billId) {
    ctx.addIssue({
      code: 'custom',
      path: ['billId'],
      message: '!requis pour la portée bill — required for scope bill',
    });
  }
}

export const SetDelegationInput = z
  .strictObject({
    ...scopeTarget,
    trustees: z.array(z.uuid()).max(10),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    requestId: requestId.optional(),
  })
  .superRefine(targetRule);
export class SetDelegationDto extends createZodDto(SetDelegationInput) {}

export const DelegationScopeInput = z
  .strictObject({ ...scopeTarget, requestId: requestId.optional() })
  .superRefine(targetRule);
export class DelegationScopeDto extends createZodDto(DelegationScopeInput) {}
