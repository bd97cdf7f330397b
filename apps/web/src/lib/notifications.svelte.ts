import { connectLive, type LiveSocket } from './live';
import type { Choice, Scope } from './api/types';

/** A personal event, kept raw so it is rendered in whatever language is current. */
export type Notice =
  | { readonly id: number; readonly kind: 'delegate-voted'; readonly voter: string; readonly choice: Choice }
  | {
      readonly id: number;
      readonly kind: 'delegation-changed';
      readonly from: string;
      readonly change: 'set' | 'revoked';
      readonly scope: Scope;
      readonly rank: number | null;
    };

type NewNotice =
  | { kind: 'delegate-voted'; voter: string; choice: Choice }
  | {
      kind: 'delegation-changed';
      from: string;
      change: 'set' | 'revoked';
      scope: Scope;
      rank: number | null;
    };

/** Personal events ("your delegate voted for you") heard on the signed-in account's socket. */
class Notifications {
  items = $state<Notice[]>([]);
  unread = $state(0);
  private socket: LiveSocket | null = null;
  private next = 1;

  /** (Re)connects as the current account; call after sign-in, and with `false` after sign-out. */
  listen(signedIn: boolean): void {
    this.socket?.disconnect();
    this.socket = null;
    if (!signedIn) {
      this.items = [];
      this.unread = 0;
      return;
    }
    const socket = connectLive();
    socket.on('delegate:voted', (event) =>
      this.push({ kind: 'delegate-voted', voter: event.voter.displayName, choice: event.choice }),
    );
    socket.on('delegation:changed', (event) =>
      this.push({
        kind: 'delegation-changed',
        from: event.from.displayName,
        change: event.change,
        scope: event.scope,
        rank: event.rank,
      }),
    );
    this.socket = socket;
  }

  markRead(): void {
    this.unread = 0;
  }

  private push(notice: NewNotice): void {
    this.items = [{ ...notice, id: this.next++ } as Notice, ...this.items].slice(0, 50);
    this.unread += 1;
  }
}

export const notifications = new Notifications();
