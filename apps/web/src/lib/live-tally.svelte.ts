import { connectLive, type LiveSocket, type TallyState } from './live';

/** One ballot's tally as it moves: the watch ack's state first, then every newer `tally:state`. */
export class LiveTally {
  state = $state<TallyState | null>(null);
  hiddenUntil = $state<'vote' | 'close' | null>(null);
  connected = $state(false);
  refusal = $state<string | null>(null);
  closedHash = $state<string | null>(null);
  private readonly socket: LiveSocket;

  constructor(private readonly ballotId: string) {
    this.socket = connectLive();
    this.socket.on('connect', () => {
      this.connected = true;
      void this.watch();
    });
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on('tally:state', (state) => this.accept(state));
    this.socket.on('ballot:closed', (payload) => {
      if (payload.ballotId === ballotId) {
        this.closedHash = payload.resultHash;
        if (this.state) {
          this.state = {
            ...this.state,
            status: 'closed',
            final: true,
            totals: payload.totals,
            seats: payload.seats,
          };
        }
      }
    });
  }

  private async watch(): Promise<void> {
    const answer = await this.socket.timeout(10_000).emitWithAck('ballot:watch', { ballotId: this.ballotId });
    if (!answer.ok) {
      this.refusal = answer.message;
      return;
    }
    this.hiddenUntil = answer.hiddenUntil ?? null;
    if (answer.state) {
      this.accept(answer.state);
    }
  }

  private accept(state: TallyState): void {
    if (state.ballotId === this.ballotId && (!this.state || state.version >= this.state.version)) {
      this.state = state;
      this.hiddenUntil = null;
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
