import type { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { runInBackground } from '../logging/background';
import type { LiveTallyRegistry } from './live-tally.registry';

/**
 * How long a reload waits after the first membership change of a burst: an import's batches, or an organiser
 * deactivating several members, make one reload rather than one each.
 */
export const MEMBERSHIP_RELOAD_DELAY_MS = 500;

/**
 * A reload of a large electorate holds the event loop (a million members: seconds to build the tally): the
 * next one of the same ballot waits at least this many times as long as the last took, so that an organiser
 * changing members one by one in a huge collective slows the figures' updates, not the server.
 */
export const MEMBERSHIP_RELOAD_SPACING = 10;

/**
 * Loads the live tallies of a collective's open ballots again when its members' tally figures changed
 * (voting rights, weight, activity, new members): a vote or a delegation is applied change by change, but a
 * membership changes who counts, which only a fresh snapshot tells. Observers keep the current state until
 * the new one is pushed. A change arriving during a reload makes one more reload after it, so the last
 * change is always in the tally in the end; the reconciler (`LiveReconciler`) compares the members too, for a
 * change whose message never arrived.
 */
export class MembershipReloads {
  /** Ballots being reloaded, and whether another change arrived since their reload began. */
  private readonly running = new Map<string, boolean>();
  /** How long each ballot's last reload took (ms). */
  private readonly lastMs = new Map<string, number>();

  constructor(
    private readonly registry: LiveTallyRegistry,
    private readonly reloaded: (ballotId: string) => void,
    private readonly logger: Logger,
    private readonly delayMs = MEMBERSHIP_RELOAD_DELAY_MS,
  ) {}

  /** Reloads (soon) every tally of the collective this instance holds. */
  changed(collectiveId: string): void {
    for (const entry of this.registry.loaded()) {
      if (entry.collectiveId === collectiveId) {
        this.reload(entry.ballotId);
      }
    }
  }

  private reload(ballotId: string): void {
    if (this.running.has(ballotId)) {
      this.running.set(ballotId, true);
      return;
    }
    this.running.set(ballotId, false);
    runInBackground(this.logger, `Live tally of ${ballotId} after a membership change`, async () => {
      try {
        do {
          await sleep(Math.max(this.delayMs, (this.lastMs.get(ballotId) ?? 0) * MEMBERSHIP_RELOAD_SPACING));
          this.running.set(ballotId, false);
          const started = performance.now();
          const entry = await this.registry.reload(ballotId);
          this.lastMs.set(ballotId, performance.now() - started);
          if (entry) {
            this.reloaded(ballotId);
          } else if (!this.registry.current(ballotId)) {
            this.lastMs.delete(ballotId);
          }
        } while (this.running.get(ballotId));
      } finally {
        this.running.delete(ballotId);
      }
    });
  }
}
