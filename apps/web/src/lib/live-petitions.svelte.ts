import type {
  PetitionClientEvents,
  PetitionLiveState,
  PetitionServerEvents,
} from '@liquide/plugin-petitions/contracts';
import { io, type Socket } from 'socket.io-client';
import { session } from './session.svelte';

type PetitionSocket = Socket<PetitionServerEvents, PetitionClientEvents>;

/**
 * Live figures of one or more petitions: `petition:watch` on each (its ack carries the current state),
 * then every `petition:signatures` pushed to their rooms, keeping the highest `version` per petition.
 * Watches again after a reconnection.
 */
export class LivePetitions {
  states = $state<Record<string, PetitionLiveState>>({});
  connected = $state(false);
  refusal = $state<string | null>(null);
  private readonly socket: PetitionSocket;

  constructor(private readonly petitionIds: readonly string[]) {
    this.socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      auth: session.tokens ? { token: session.tokens.accessToken } : {},
    });
    this.socket.on('connect', () => {
      this.connected = true;
      for (const petitionId of this.petitionIds) {
        void this.watch(petitionId);
      }
    });
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on('petition:signatures', (state) => this.accept(state));
  }

  private async watch(petitionId: string): Promise<void> {
    try {
      const answer = await this.socket.timeout(10_000).emitWithAck('petition:watch', { petitionId });
      if (answer.ok) {
        this.accept(answer.state);
      } else {
        this.refusal = answer.message;
      }
    } catch {
      // No answer in time: the next reconnection watches again.
    }
  }

  /** Keeps the newest state of each watched petition. */
  accept(state: PetitionLiveState): void {
    const known = this.states[state.petitionId];
    if (this.petitionIds.includes(state.petitionId) && (!known || state.version >= known.version)) {
      this.states[state.petitionId] = state;
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
