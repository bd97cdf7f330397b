import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Sockets written per turn of the event loop when a state is fanned out. Writing one frame costs a
 * system call per socket (tens of microseconds): 3,000 observers in one synchronous loop held the
 * loop for about 50 ms per push, and every request waited behind it. In slices of this size the
 * loop serves other work (votes, /health) between slices, a few milliseconds apart.
 */
export const FANOUT_SLICE = 200;

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

/**
 * How late the event loop runs, in milliseconds: a timer due every `everyMs` measures how much later
 * than due it fires, smoothed over the last few readings. Zero on an idle server; tens of
 * milliseconds when requests, votes and fan-outs queue behind each other.
 */
export class LoopLag {
  private smoothed = 0;
  private expected = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly everyMs = 50) {
    this.expected = Date.now() + everyMs;
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  get ms(): number {
    return this.smoothed;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const now = Date.now();
    const late = Math.max(0, now - this.expected);
    this.expected = now + this.everyMs;
    // exponential smoothing: a reading weighs a quarter, so one long pause moves it, a burst of them more
    this.smoothed = this.smoothed * 0.75 + late * 0.25;
  }
}

/**
 * The wait between two pushes of one ballot: `baseMs` (from LIVE_MAX_PUSHES_PER_SECOND) on a server
 * that keeps up, longer as the loop lags — each lagging millisecond adds a tenth of the base — up to
 * one second. Observers then get fewer, fresher states (each carries every vote so far), and votes
 * and other requests stay ahead of the fan-out instead of queueing behind it.
 */
export function pushInterval(baseMs: number, lagMs: number): number {
  return Math.min(Math.max(baseMs, 1000), baseMs * (1 + lagMs / 10));
}
