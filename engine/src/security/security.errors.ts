import { defineErrors } from '../errors/error-catalog';

/** Error codes of the security layer. */
export enum SecurityErrorCode {
  RateLimited = 'security.rate_limited',
  OriginNotAllowed = 'security.origin_not_allowed',
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
});
