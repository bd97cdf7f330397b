import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { boundedRecord } from '../../errors/bounded-record';
import { ROLES } from '../../members/member.entity';

const slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    '!lettres minuscules, chiffres et tirets — lowercase letters, digits and dashes',
  );

export const CollectiveSettingsInput = z.strictObject({
  delegationCap: z.number().gt(0).lte(1).nullable().optional(),
  visibility: z.enum(['live', 'after-vote', 'after-close']).optional(),
  mandateMethod: z.enum(['largest-remainder', 'dhondt', 'sainte-lague']).optional(),
  mandateBase: z.enum(['cast', 'members']).optional(),
  deputies: z.number().int().min(1).max(100_000).optional(),
  timezone: z.string().min(1).max(64).optional(),
  public: z.boolean().optional(),
});
export class CollectiveSettingsDto extends createZodDto(CollectiveSettingsInput) {}

export const CreateCollectiveInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug,
  settings: CollectiveSettingsInput.optional(),
});
export class CreateCollectiveDto extends createZodDto(CreateCollectiveInput) {}

export const CreateTopicInput = z.strictObject({ slug, name: z.string().trim().min(1).max(200) });
export class CreateTopicDto extends createZodDto(CreateTopicInput) {}

export const CreateBillInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().max(5000).default(''),
  topicId: z.uuid().nullable().optional(),
  articles: z
    .array(
      z.strictObject({
        heading: z.string().trim().max(300).default(''),
        text: z.string().trim().min(1).max(50_000),
      }),
    )
    .min(1)
    .max(1000),
});
export class CreateBillDto extends createZodDto(CreateBillInput) {}

export const CreateBallotInput = z
  .strictObject({
    billId: z.uuid(),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    visibility: z.enum(['live', 'after-vote', 'after-close']).optional(),
    mandateMethod: z.enum(['largest-remainder', 'dhondt', 'sainte-lague']).optional(),
    mandateBase: z.enum(['cast', 'members']).optional(),
    deputies: z.number().int().min(1).max(100_000).optional(),
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

/** A client request id: the same id on a retry gets the first answer back and writes nothing. */
const requestId = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, '!lettres, chiffres, _ et - — letters, digits, _ and -');

export const CastVoteInput = z.strictObject({
  choice: z.enum(['yes', 'no', 'abstain']),
  requestId,
});
export class CastVoteDto extends createZodDto(CastVoteInput) {}

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

export const UpdateMemberInput = z.strictObject({
  votingRights: z.boolean().optional(),
  weight: z.number().positive().max(1_000_000).optional(),
  active: z.boolean().optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
  attributes: boundedRecord(z.string().max(64), z.string().max(200), 20).optional(),
});
export class UpdateMemberDto extends createZodDto(UpdateMemberInput) {}

export const RoleParam = z.strictObject({ collectiveId: z.uuid(), memberId: z.uuid(), role: z.enum(ROLES) });
export class RoleParamDto extends createZodDto(RoleParam) {}

export const CollectiveParam = z.strictObject({ collectiveId: z.uuid() });

/** A collective named by its id or by its slug. */
export const CollectiveRefParam = z.strictObject({
  collectiveId: z.union([z.uuid(), slug], {
    message: '!un identifiant (uuid) ou un nom court — an id (uuid) or a slug',
  }),
});
export class CollectiveRefParamDto extends createZodDto(CollectiveRefParam) {}
export class CollectiveParamDto extends createZodDto(CollectiveParam) {}

export const BallotParam = z.strictObject({ ballotId: z.uuid() });
export class BallotParamDto extends createZodDto(BallotParam) {}

export const MemberParam = z.strictObject({ collectiveId: z.uuid(), memberId: z.uuid() });
export class MemberParamDto extends createZodDto(MemberParam) {}

export const ImportParam = z.strictObject({ collectiveId: z.uuid(), importId: z.uuid() });
export class ImportParamDto extends createZodDto(ImportParam) {}

export const BillParam = z.strictObject({ billId: z.uuid() });
export class BillParamDto extends createZodDto(BillParam) {}
