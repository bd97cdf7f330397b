import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedAccount } from './authenticated-account';

/** An HTTP request once the {@link AuthGuard} has run. */
export interface AuthenticatedRequest extends Request {
  account?: AuthenticatedAccount | null;
}

/**
 * The caller's {@link AuthenticatedAccount}; `null` on `@Public()` routes when no token was sent.
 * On routes without `@Public()` it is never null (the guard has refused anonymous callers).
 */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedAccount | null =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().account ?? null,
);
