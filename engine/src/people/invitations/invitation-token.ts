import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitation links carry a random token (32 bytes, base64url); the database keeps only its SHA-256.
 * Why not a signed JWT: an invitation must be single-use, revocable and replaced by a resend, which
 * needs a stored row anyway; a random token then proves everything a signature would (nobody can
 * guess 256 bits), there is no signing key to rotate or leak, and a copy of the database gives no
 * usable link (only hashes). See docs/security.md.
 */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

/** The stored form of a token. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How long an invitation link may be followed. */
export const INVITATION_TTL_DAYS = 14;

/** How many times one invitation may be sent (first send and resends). */
export const INVITATION_MAX_SENDS = 10;
