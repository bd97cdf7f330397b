import { sha256Hex } from '../tally';
import { canonicalJson, canonicalObjectOfTexts } from './canonical-json';

/** SHA-256 of a UTF-8 string as 64 lowercase hex digits. */
export type HashFunction = (text: string) => string;

/** The portable SHA-256 (pure TypeScript, runs in browsers); the server passes node:crypto's. */
export const portableSha256: HashFunction = sha256Hex;

/** The fields an event's hash covers. */
export interface EventHashInput {
  readonly position: number;
  readonly collectiveId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly occurredAt: string;
  readonly prevHash: string;
}

/** The exact text hashed for an event: canonical JSON of its six fields (keys sorted, no spaces). */
export function eventHashText(event: EventHashInput): string {
  return canonicalJson({
    position: event.position,
    collectiveId: event.collectiveId,
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt,
    prevHash: event.prevHash,
  });
}

/** {@link eventHashText} with the payload given as its canonical JSON text (written once, not walked again). */
export function eventHashTextOfPayloadText(
  event: Omit<EventHashInput, 'payload'>,
  payloadText: string,
): string {
  return canonicalObjectOfTexts({
    position: canonicalJson(event.position),
    collectiveId: canonicalJson(event.collectiveId),
    type: canonicalJson(event.type),
    payload: payloadText,
    occurredAt: canonicalJson(event.occurredAt),
    prevHash: canonicalJson(event.prevHash),
  });
}

/** `hash = sha256(canonicalJson({position, collectiveId, type, payload, occurredAt, prevHash}))`. */
export function computeEventHash(event: EventHashInput, hash: HashFunction = portableSha256): string {
  return hash(eventHashText(event));
}

/** `resultHash = sha256(canonicalJson(result))`, stored in every `ballot.closed` payload. */
export function computeResultHash(result: unknown, hash: HashFunction = portableSha256): string {
  return hash(canonicalJson(result));
}
