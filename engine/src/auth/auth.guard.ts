import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LiquideError } from '../errors';
import { AuthErrorCode, TokenRefusedError } from './auth-errors';
import type { AuthenticatedRequest } from './current-account.decorator';
import { PUBLIC_ROUTE, type PublicRouteOptions } from './public.decorator';
import { TokenService } from './token.service';

/**
 * Global guard: every HTTP route needs `Authorization: Bearer <access token>` unless marked
 * `@Public()`. Authentication only: what the account may do is decided elsewhere. Socket
 * handlers are let through: the gateway verifies the token itself on connect.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const publicRoute = this.reflector.getAllAndOverride<Required<PublicRouteOptions> | undefined>(
      PUBLIC_ROUTE,
      [context.getHandler(), context.getClass()],
    );
    request.account = null;
    if (publicRoute && !publicRoute.optional) {
      return true;
    }
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      if (publicRoute) {
        return true;
      }
      throw new LiquideError(AuthErrorCode.TokenMissing);
    }
    request.account = await this.tokens.verifyAccessToken(token);
    return true;
  }
}

/** The token of an `Authorization: Bearer …` header; undefined when no header was sent. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') {
    return undefined;
  }
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  if (!match?.[1]) {
    throw new TokenRefusedError('malformed');
  }
  return match[1];
}
