import { requestId } from './endpoints';

const pending = new Map<string, string>();

/**
 * The request id of a write the user is making: the same write (same `key`) sent again after a
 * failure — a lost answer, a server restart — reuses its id, so the server answers it once
 * (idempotent retry). Call {@link writeDone} once it succeeded: the next identical write is a new one.
 */
export function pendingRequestId(key: string): string {
  let id = pending.get(key);
  if (!id) {
    id = requestId();
    pending.set(key, id);
  }
  return id;
}

/** Forgets the id of a write that went through. */
export function writeDone(key: string): void {
  pending.delete(key);
}
