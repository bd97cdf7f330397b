import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { z } from 'zod';

/** Format tag of an instruction's payload. */
export const MANDATE_FORMAT = 'liquide-mandate/1';
/** The JWS `typ` header of an instruction. */
export const MANDATE_TYP = 'liquide-mandate+jws';
/** Algorithms an instruction may be signed with. */
export const MANDATE_ALGORITHMS = ['ES256', 'EdDSA'] as const;

const amount = z.number().finite().min(0);
const seatCount = z.number().int().min(0);

/** What a deputy is instructed to vote, and why: the ballot's totals and seats (signed, JWS payload). */
export const MandatePayloadSchema = z.strictObject({
  format: z.literal(MANDATE_FORMAT),
  collectiveId: z.string().min(1),
  billId: z.string().min(1),
  ballotId: z.string().min(1),
  /** The deputy's member id. */
  deputy: z.string().min(1),
  deputyName: z.string(),
  choice: z.enum(['yes', 'no', 'abstain', 'absent']),
  totals: z.strictObject({ yes: amount, no: amount, abstain: amount, absent: amount }),
  seats: z.strictObject({ yes: seatCount, no: seatCount, abstain: seatCount, absent: seatCount.optional() }),
  /** SHA-256 of the ballot's canonical result, as in the public record. */
  resultHash: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: z.iso.datetime(),
});
export type MandatePayload = z.infer<typeof MandatePayloadSchema>;

/** The outcome of checking one instruction. */
export type MandateCheck =
  | { readonly ok: true; readonly payload: MandatePayload; readonly kid: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Verifies a compact JWS instruction against a JWKS: the signature (ES256 or EdDSA) with the key named by
 * `kid`, the `typ` header, the payload format, that the key belongs to the payload's collective (`kid`
 * starts with `<collectiveId>.`), and that the choice is one the seats give.
 */
export async function verifyMandate(jws: string, jwks: JSONWebKeySet): Promise<MandateCheck> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws.trim(), createLocalJWKSet(jwks), {
      algorithms: [...MANDATE_ALGORITHMS],
    });
  } catch (error) {
    return { ok: false, reason: `signature refused: ${(error as Error).message}` };
  }
  const { protectedHeader, payload } = verified;
  if (protectedHeader.typ !== MANDATE_TYP) {
    return { ok: false, reason: `header typ must be "${MANDATE_TYP}"` };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { ok: false, reason: 'the payload is not JSON' };
  }
  const parsed = MandatePayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `payload ${['$', ...issue.path].join('.')}: ${issue.message}` };
  }
  const kid = protectedHeader.kid ?? '';
  if (!kid.startsWith(`${parsed.data.collectiveId}.`)) {
    return { ok: false, reason: `key ${kid} does not belong to collective ${parsed.data.collectiveId}` };
  }
  const seats = parsed.data.seats[parsed.data.choice] ?? 0;
  if (seats < 1) {
    return { ok: false, reason: `choice "${parsed.data.choice}" has no seat in the ballot` };
  }
  return { ok: true, payload: parsed.data, kid };
}
