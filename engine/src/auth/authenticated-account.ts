/** Who made a request or opened a socket, as proven by a verified access token. */
export interface AuthenticatedAccount {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  /** `local`: a token Liquide signed; `oidc`: a token of the configured OpenID Connect provider. */
  readonly source: 'local' | 'oidc';
}

/** What a sign-in, registration or refresh returns. */
export interface TokenPair {
  /** ES256 JWT to send as `Authorization: Bearer <accessToken>`. */
  readonly accessToken: string;
  /** Opaque value, usable once, to get the next pair from `POST /api/auth/refresh`. */
  readonly refreshToken: string;
  /** Lifetime of the access token, in seconds. */
  readonly expiresIn: number;
}
