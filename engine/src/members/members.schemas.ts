import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { boundedRecord } from '../errors/bounded-record';
import { ROLES } from './roles';

/** Largest page of the member directory. */
export const MEMBER_PAGE_MAX = 100;

const flag = z
  .enum(['true', 'false'], { message: '!doit valoir true ou false — must be true or false' })
  .transform((value) => value === 'true')
  .optional();

/**
 * `GET /api/collectives/:id/members`: the directory, a page at a time. Members see only active
 * members' names (to pick a trustee); organisers see the whole directory and may filter it.
 */
export const MemberListInput = z.strictObject({
  /** Part of the name (organisers: or of the e-mail address), case-insensitive. */
  search: z.string().trim().max(100).default(''),
  role: z.enum(ROLES).optional(),
  active: flag,
  /** Joined: the membership is bound to an account. */
  joined: flag,
  votingRights: flag,
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce.number().int().min(1).max(MEMBER_PAGE_MAX).default(20),
});
export type MemberListInput = z.infer<typeof MemberListInput>;
export class MemberListDto extends createZodDto(MemberListInput) {}

/** The filters only organisers may use. */
export const ORGANISER_FILTERS = ['role', 'active', 'joined', 'votingRights'] as const;

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

export const MemberParam = z.strictObject({ collectiveId: z.uuid(), memberId: z.uuid() });
export class MemberParamDto extends createZodDto(MemberParam) {}

export const ImportParam = z.strictObject({ collectiveId: z.uuid(), importId: z.uuid() });
export class ImportParamDto extends createZodDto(ImportParam) {}
