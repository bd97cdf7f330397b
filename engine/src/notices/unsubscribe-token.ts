import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { SIGNING_ALGORITHM, SIGNING_KEY, type SigningKey } from '../auth/signing-key';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { LiquideError } from '../errors/liquide-error';
import { NoticeErrorCode } from './notices.errors';

/** Audience of unsubscribe tokens: never accepted as an access token (and the reverse). */
export const UNSUBSCRIBE_AUDIENCE = 'liquide-notices-unsubscribe';
const TOKEN_TYPE = 'liquide-unsubscribe+jwt';
const LIFETIME = '400d';

/**
 * The signed token of a one-click unsubscribe link: an ES256 JWT (the server's signing key) naming
 * the address whose notice e-mails stop. It proves only that the link came from a message Liquide
 * sent to that address; following it can do nothing but set that address's choice to "never".
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  sign(email: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.key.kid, typ: TOKEN_TYPE })
      .setIssuer(this.config.jwt.issuer)
      .setAudience(UNSUBSCRIBE_AUDIENCE)
      .setSubject(email)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(this.key.privateKey);
  }

  /** The address a valid token names; a tampered, foreign or expired token is refused (400). */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: UNSUBSCRIBE_AUDIENCE,
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || !payload.sub.includes('@')) {
        throw new Error('bad subject');
      }
      return payload.sub;
    } catch {
      throw new LiquideError(NoticeErrorCode.UnsubscribeInvalid, { field: 'token' });
    }
  }

  /** The web page a person opens from the message. */
  pageUrl(token: string): string {
    return `${this.config.publicUrl}/#/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /** The URL mail clients POST to (RFC 8058 one-click), in `List-Unsubscribe`. */
  postUrl(token: string): string {
    return `${this.config.publicUrl}/api/notices/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}
