import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/auth.schemas';
import { PASSWORD_MIN_LENGTH } from '../auth/passwords';

const token = z.string().trim().min(1).max(100);

/** `POST /api/auth/verify-email` body: the value from the link. */
export const VerifyEmailInput = z.object({ token });
export class VerifyEmailDto extends createZodDto(VerifyEmailInput) {}

/** `POST /api/auth/email` body: the new address, confirmed with the current password (local accounts). */
export const ChangeEmailInput = z.object({
  newEmail: z.email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
});
export class ChangeEmailDto extends createZodDto(ChangeEmailInput) {}

/** `POST /api/auth/password-reset/request` body. */
export const PasswordResetRequestInput = z.object({ email: z.email().max(254) });
export class PasswordResetRequestDto extends createZodDto(PasswordResetRequestInput) {}

/** `POST /api/auth/password-reset` body: the value from the link and the new password. */
export const PasswordResetInput = z.object({
  token,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export class PasswordResetDto extends createZodDto(PasswordResetInput) {}

/** What the endpoints that send a link answer, whatever happened: nothing tells whether an address has an account. */
export interface LinkSentView {
  readonly status: 'link_sent';
}
