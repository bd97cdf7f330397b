/**
 * Wall-clock time of each phase of a ballot's close, logged once the close is done (LOG_LEVEL=log):
 * what an operator looks at when a large close is slow, and what `liquide bench close` reads.
 */
export class ClosePhases {
  private readonly started = performance.now();
  private last = this.started;
  private readonly phases: [string, number][] = [];

  /** Ends the phase running since the previous mark (or the start) under this name. */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  /** `in 1234 ms: snapshot 400 ms, tally 300 ms, …`. */
  describe(): string {
    const total = Math.round(this.last - this.started);
    return `in ${total} ms: ${this.phases.map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', ')}`;
  }
}
