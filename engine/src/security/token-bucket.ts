/**
 * A token bucket: holds up to `capacity` tokens, refilled at `perSecond` tokens a second. Each
 * action takes one; when none is left the action is refused. Constant memory and time per call.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) {
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is full again, i.e. it has forgotten every past action. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  /** Seconds until one token is available again (0 when one is). */
  secondsUntilNext(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perSecond);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}
