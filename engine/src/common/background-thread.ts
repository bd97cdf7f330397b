import { getPriority, setPriority } from 'node:os';

/**
 * The nice value a background worker thread runs at: the lowest priority, so that whenever the worker and
 * the server's event loop want a core at once, the event loop gets it (a draw or a tally running for seconds
 * must not delay `/health`, votes or the live pushes).
 */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the priority of the calling thread only. On Linux the nice value belongs to each thread, and
 * `os.setPriority(value)` (`setpriority(PRIO_PROCESS, 0, …)`) applies to the caller: called from a worker
 * thread it leaves the main thread as it was. Elsewhere (or without the right to change it) nothing happens;
 * returns the thread's nice value afterwards, or null when it could not be read.
 */
export function lowerThisThreadPriority(nice = BACKGROUND_NICE): number | null {
  try {
    if (getPriority() < nice) {
      setPriority(nice);
    }
    return getPriority();
  } catch {
    return null;
  }
}
