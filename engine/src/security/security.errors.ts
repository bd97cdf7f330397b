import { defineErrors } from '../errors/error-catalog';

/** Error codes of the security layer. */
export enum SecurityErrorCode {
  RateLimited = 'security.rate_limited',
  OriginNotAllowed = 'security.origin_not_allowed',
  TooManyConnections = 'security.too_many_connections',
}

/** Status and French / English messages of each {@link SecurityErrorCode}. */
export const SECURITY_ERRORS = defineErrors({
  [SecurityErrorCode.RateLimited]: {
    status: 429,
    fr: 'Trop de requêtes ({limit} par {window} s) : réessayez dans {retryAfter} s',
    en: 'Too many requests ({limit} per {window} s): try again in {retryAfter} s',
  },
  [SecurityErrorCode.OriginNotAllowed]: {
    status: 403,
    fr: 'Cette origine n’est pas autorisée : {origin}',
    en: 'This origin is not allowed: {origin}',
  },
  [SecurityErrorCode.TooManyConnections]: {
    status: 503,
    fr: 'Trop de connexions ouvertes depuis votre adresse (au plus {max}) : fermez-en, puis réessayez',
    en: 'Too many connections open from your address (at most {max}): close some, then try again',
  },
});
