/**
 * The limit every wait in the tests gets at least: a busy machine (load 10 and more, a sign-in form once
 * took over 30 s to appear) is slow, not broken. A condition that holds returns at once, so a generous
 * limit costs a passing test nothing; only a failing one takes longer to say so.
 */
export const BUSY_MACHINE_WAIT_MS = 90_000;

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs` (never less than the busy-machine limit). */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = BUSY_MACHINE_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + Math.max(timeoutMs, BUSY_MACHINE_WAIT_MS);
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
