/** Repeats within this time double the cooldown; after it, a client starts again from the base. */
const STRIKES_FORGOTTEN_AFTER_MS = 10 * 60_000;
/** The cooldown grows to at most 2^6 = 64 times the base. */
const MAX_DOUBLINGS = 6;

interface Strike {
  /** Until when new connections are refused (ms since 1970). */
  until: number;
  /** Abuses counted so far (within {@link STRIKES_FORGOTTEN_AFTER_MS} of each other). */
  count: number;
  last: number;
}

/**
 * Who was disconnected for abuse, and until when their new connections are refused. A client that floods
 * the server and is disconnected would otherwise reconnect at once and start again: each reconnection costs
 * a handshake, a token check and a database read before its first event is refused. Keys are chosen by
 * the gateway (an account, a token, an anonymous address). Memory is bounded: at most `maxKeys` keys, the
 * oldest forgotten first, and expired ones swept.
 */
export class AbuseCooldown {
  private readonly strikes = new Map<string, Strike>();

  constructor(
    private readonly baseSeconds: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds left before `keys` may connect again (the longest of them), 0 when none is cooling down. */
  remainingSeconds(keys: readonly string[]): number {
    const now = this.now();
    let until = 0;
    for (const key of keys) {
      until = Math.max(until, this.strikes.get(key)?.until ?? 0);
    }
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Records an abuse by the client known by `keys`: base cooldown, doubled for each recent repeat. */
  strike(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const previous = this.strikes.get(key);
      const count = previous && now - previous.last < STRIKES_FORGOTTEN_AFTER_MS ? previous.count + 1 : 1;
      const seconds = this.baseSeconds * 2 ** Math.min(count - 1, MAX_DOUBLINGS);
      // re-inserted last, so that the map's order is the order of the latest strikes
      this.strikes.delete(key);
      this.strikes.set(key, { until: now + seconds * 1000, count, last: now });
    }
    for (const key of this.strikes.keys()) {
      if (this.strikes.size <= this.maxKeys) {
        break;
      }
      this.strikes.delete(key);
    }
  }

  /** Forgets the keys whose cooldown is over and whose strikes are forgotten. */
  sweep(): void {
    const now = this.now();
    for (const [key, strike] of this.strikes) {
      if (strike.until <= now && now - strike.last >= STRIKES_FORGOTTEN_AFTER_MS) {
        this.strikes.delete(key);
      }
    }
  }

  get size(): number {
    return this.strikes.size;
  }
}
