import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Sockets written per turn of the event loop when a state is fanned out. Writing one frame costs a
 * system call per socket (tens of microseconds): 3,000 observers in one synchronous loop held the
 * loop for about 50 ms per push, and every request waited behind it. In slices of this size the
 * loop serves other work (votes, /health) between slices, a few milliseconds apart.
 */
export const FANOUT_SLICE = 200;

/**
 * The largest share of the server's time one ballot's fan-out may take: the pause between two pushes of a
 * ballot is at least its last fan-out's duration divided by this (and at least 1 / LIVE_MAX_PUSHES_PER_SECOND).
 * With a few hundred observers a push costs a few milliseconds and the configured rate holds; with thousands
 * the pushes space out instead of crowding out the votes (3,000 sockets, ~45 ms a push: about 5 pushes/s).
 */
export const FANOUT_DUTY = 0.25;

/** The least time between two pushes of a ballot: the configured interval, or more after a costly fan-out. */
export function pushInterval(configuredMs: number, lastFanoutMs: number): number {
  return Math.max(configuredMs, lastFanoutMs / FANOUT_DUTY);
}

/** Calls `each` on consecutive slices of `ids`, yielding to the event loop between slices. */
export async function inSlices(
  ids: readonly string[],
  size: number,
  each: (slice: readonly string[]) => void,
): Promise<void> {
  for (let start = 0; start < ids.length; start += size) {
    if (start > 0) {
      await nextTurn();
    }
    each(ids.slice(start, start + size));
  }
}

/**
 * Runs tasks one after the other per key: a ballot's pushes, spread over several turns of the loop,
 * never overlap, and its final state is sent after every earlier state (no observer sees an older
 * state after a newer one). Tasks of different keys run independently.
 */
export class SerialPerKey {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });
    return result;
  }
}
