import { verifyMandate, type MandateCheck } from '@liquide/engine/deputies/mandates/mandate-format';
import type { JSONWebKeySet } from 'jose';

export type { MandateCheck };

/**
 * Checks an instruction in the browser with the engine's own verifier (jose): the ES256/EdDSA signature
 * against the collective's published JWKS, the header, the payload format and the key's collective.
 */
export function verifyInstruction(jws: string, jwks: JSONWebKeySet): Promise<MandateCheck> {
  return verifyMandate(jws, jwks);
}
