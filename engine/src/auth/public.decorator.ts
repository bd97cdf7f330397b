import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the {@link AuthGuard}. */
export const PUBLIC_ROUTE = 'liquide:public-route';

/** How a route marked `@Public()` treats callers. */
export interface PublicRouteOptions {
  /**
   * `true`: anonymous callers are let in, but a bearer token, when sent, is verified and the
   * account is available through `@CurrentAccount()` (a bad token is still refused with 401).
   * `false` (default): the route never reads a token; `@CurrentAccount()` is `null`.
   */
  readonly optional?: boolean;
}

/** Lets a route (or every route of a controller) be called without an access token. */
export const Public = (options: PublicRouteOptions = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(PUBLIC_ROUTE, { optional: options.optional ?? false });

/** Same as `@Public({ optional: true })`: anonymous callers allowed, the token read when present. */
export const OptionalAuth = (): MethodDecorator & ClassDecorator => Public({ optional: true });
