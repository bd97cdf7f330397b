import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RegisterInput } from '../../auth/auth.schemas';
import { ROLES } from '../../members/roles';

const locale = z.enum(['fr', 'en']).optional();

/** `POST /api/collectives/:id/invitations`: these members, or every active member who has not joined. */
export const SendInvitationsInput = z
  .strictObject({
    memberIds: z.array(z.uuid()).min(1).max(500).optional(),
    notJoined: z.literal(true).optional(),
    locale,
  })
  .refine((input) => (input.memberIds === undefined) !== (input.notJoined === undefined), {
    path: ['memberIds'],
    message:
      '!donnez memberIds ou notJoined: true, pas les deux — give memberIds or notJoined: true, not both',
  });
export type SendInvitationsInput = z.infer<typeof SendInvitationsInput>;
export class SendInvitationsDto extends createZodDto(SendInvitationsInput) {}

/** `POST /api/collectives/:id/members`: one member added by hand, invited at once unless told. */
export const AddMemberInput = z.strictObject({
  email: z.string().trim().max(254).toLowerCase().pipe(z.email()),
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).default(['member']),
  votingRights: z.boolean().default(true),
  invite: z.boolean().default(true),
  locale,
});
export type AddMemberInput = z.infer<typeof AddMemberInput>;
export class AddMemberDto extends createZodDto(AddMemberInput) {}

/** The token of an invitation link, as it appears after `#/invitation/`. */
export const InvitationTokenParam = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, '!lettres, chiffres, _ et - — letters, digits, _ and -'),
});
export class InvitationTokenParamDto extends createZodDto(InvitationTokenParam) {}

/**
 * `POST /api/invitations/:token/accept`: signed in with the invited address, nothing; otherwise a
 * name and a password for the account created with the invited address.
 */
export const AcceptInvitationInput = z.strictObject({
  displayName: RegisterInput.shape.displayName.optional(),
  password: RegisterInput.shape.password.optional(),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;
export class AcceptInvitationDto extends createZodDto(AcceptInvitationInput) {}

export const InvitationListInput = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce.number().int().min(1).max(100).default(20),
});
export class InvitationListDto extends createZodDto(InvitationListInput) {}
