import { sha256Hex } from '../tally';
import { canonicalJson } from './canonical-json';

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

/** `hash = sha256(canonicalJson({position, collectiveId, type, payload, occurredAt, prevHash}))`. */
export function computeEventHash(event: EventHashInput, hash: HashFunction = portableSha256): string {
  return hash(eventHashText(event));
}

/** `resultHash = sha256(canonicalJson(result))`, stored in every `ballot.closed` payload. */
export function computeResultHash(result: unknown, hash: HashFunction = portableSha256): string {
  return hash(canonicalJson(result));
}
