import { errors } from 'jose';
import { LiquideError } from '../errors';
import { AuthErrorCode, TokenRefusedError, type TokenRefusalReason } from './auth-errors';

/**
 * Turns anything jose (or a remote JWKS fetch) throws while verifying into a 401 or a 503.
 * `remoteKeys`: the token was checked against the OpenID Connect provider's JWKS, so an error that
 * jose did not raise (connection refused, DNS, TLS) means the keys could not be fetched.
 */
export function refusalFor(error: unknown, remoteKeys = false): LiquideError {
  if (error instanceof LiquideError) {
    return error;
  }
  if (error instanceof errors.JWTExpired) {
    return new TokenRefusedError('expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new TokenRefusedError(claimReason(error.claim, error.reason));
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRefusedError('algorithm-not-allowed');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefusedError('bad-signature');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRefusedError('unknown-key');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new LiquideError(AuthErrorCode.OidcUnavailable);
  }
  if (error instanceof errors.JOSEError && error.constructor === errors.JOSEError) {
    // jose throws the bare base class only when a JWKS answer is not 200 or not JSON.
    return new LiquideError(AuthErrorCode.OidcUnavailable);
  }
  if (error instanceof errors.JOSEError) {
    return new TokenRefusedError('malformed');
  }
  return remoteKeys ? new LiquideError(AuthErrorCode.OidcUnavailable) : new TokenRefusedError('malformed');
}

function claimReason(claim: string, reason: string): TokenRefusalReason {
  if (reason === 'missing') {
    return 'missing-claim';
  }
  switch (claim) {
    case 'nbf':
      return 'not-yet-valid';
    case 'iss':
      return 'wrong-issuer';
    case 'aud':
      return 'wrong-audience';
    default:
      return 'bad-claim';
  }
}
