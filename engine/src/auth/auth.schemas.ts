import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from './account.entity';
import { PASSWORD_MIN_LENGTH } from './passwords';

/** Longest password accepted (hashing megabytes on request would be a cheap denial of service). */
export const PASSWORD_MAX_LENGTH = 1024;

/** `POST /api/auth/register` body. */
export const RegisterInput = z.object({
  email: z.email().max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH),
});
export type RegisterInput = z.infer<typeof RegisterInput>;
export class RegisterDto extends createZodDto(RegisterInput) {}

/** `POST /api/auth/login` body. */
export const LoginInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof LoginInput>;
export class LoginDto extends createZodDto(LoginInput) {}

/** `POST /api/auth/refresh` and `POST /api/auth/logout` body. */
export const RefreshInput = z.object({
  refreshToken: z.string().min(1).max(256),
});
export type RefreshInput = z.infer<typeof RefreshInput>;
export class RefreshDto extends createZodDto(RefreshInput) {}

/** The signed-in account, as `GET /api/auth/me` shows it. */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** False until the address is proven: the account then holds no membership, vote or role. */
  readonly emailVerified: boolean;
  readonly signsInWith: { readonly password: boolean; readonly oidc: boolean };
  readonly createdAt: string;
}
