import type { AGENDA_ISSUE_EVENT as EventName, AgendaIssueChange } from '@liquide/plugin-agenda/contracts';
import { io, type Socket } from 'socket.io-client';
import { session } from '../session.svelte';

/** The contract's event name (a type-only import: the contracts' zod stays out of this module). */
const AGENDA_ISSUE_EVENT: typeof EventName = 'agenda:issue';

interface AgendaServerEvents {
  [AGENDA_ISSUE_EVENT]: (change: AgendaIssueChange) => void;
}

/**
 * The agenda's pushes for one issue: the server sends `agenda:issue` to the sockets of the collective's
 * members whenever an issue changes (nothing to ask: the engine puts a member's socket in its own room at
 * connection). `onchange` runs with each change of this issue, and with `null` after a reconnection
 * (changes may have been missed: read the issue again). Anonymous readers get no push: the page's slow
 * poll serves them.
 */
export class LiveIssue {
  connected = false;
  private readonly socket: Socket<AgendaServerEvents, Record<string, never>>;

  constructor(
    private readonly issueId: string,
    private readonly onchange: (change: AgendaIssueChange | null) => void,
  ) {
    this.socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      auth: session.tokens ? { token: session.tokens.accessToken } : {},
    });
    let first = true;
    this.socket.on('connect', () => {
      this.connected = true;
      if (!first) {
        this.onchange(null);
      }
      first = false;
    });
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on(AGENDA_ISSUE_EVENT, (change) => {
      if (change.issueId === this.issueId) {
        this.onchange(change);
      }
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
