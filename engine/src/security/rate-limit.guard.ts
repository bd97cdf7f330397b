import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { LiquideConfig } from '../config/liquide-config';
import type { AuthenticatedRequest } from '../auth/current-account.decorator';
import { LiquideError } from '../errors/liquide-error';
import { SecurityErrorCode } from './security.errors';

const AUTH_LIMITED = 'liquide:auth-rate-limit';

/**
 * Marks a route that proves or creates credentials (sign-in, registration, refresh): it is limited
 * per IP address by the strict `auth` limit, and left out of the per-account `writes` limit.
 */
export const AuthRateLimit = (): MethodDecorator => SetMetadata(AUTH_LIMITED, true);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isHttp(context: ExecutionContext): boolean {
  return context.getType() === 'http';
}

function isAuthLimited(context: ExecutionContext): boolean {
  return Reflect.getMetadata(AUTH_LIMITED, context.getHandler()) === true;
}

/** The two limits, both counted over `RATE_LIMIT_WINDOW` seconds (in Redis when REDIS_URL is set: SharedThrottlerStorage). */
export function rateLimits(config: LiquideConfig): ThrottlerOptions[] {
  const { windowSeconds, auth, writes } = config.security.rateLimit;
  const ttl = windowSeconds * 1000;
  return [
    {
      name: 'auth',
      ttl,
      limit: auth,
      skipIf: (context) => !isHttp(context) || !isAuthLimited(context),
      getTracker: (req) => `ip:${(req as Request).ip ?? 'unknown'}`,
      // one counter for login, register and refresh together
      generateKey: (_context, tracker) => `auth|${tracker}`,
    },
    {
      name: 'writes',
      ttl,
      limit: writes,
      skipIf: (context) =>
        !isHttp(context) ||
        isAuthLimited(context) ||
        !WRITES.has(context.switchToHttp().getRequest<Request>().method),
      // the account the AuthGuard (which runs first) found; anonymous writes count per IP
      getTracker: (req) => {
        const account = (req as AuthenticatedRequest).account;
        return account ? `account:${account.accountId}` : `ip:${(req as Request).ip ?? 'unknown'}`;
      },
      generateKey: (_context, tracker) => `writes|${tracker}`,
    },
  ];
}

/** The throttler, answering 429 through the error catalog with a standard Retry-After header. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new LiquideError(SecurityErrorCode.RateLimited, {
      params: { limit: detail.limit, window: Math.round(detail.ttl / 1000), retryAfter },
    });
  }
}
