import type { Server, Socket } from 'socket.io';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import type { CollectiveRoomsData } from './collective-rooms';
import type { SocketAllowance } from './live-limiter';
import type { ClientToServerEvents, ServerToClientEvents, WatchAnswer } from './live.contract';

export interface SocketData extends CollectiveRoomsData {
  account: AuthenticatedAccount | null;
  language: 'fr' | 'en';
  /** The socket's share of the limits (set on connection). */
  allowance: SocketAllowance;
  /** Who the socket's abuse is counted against: its account when signed in, else its address. */
  abuseKeys: readonly string[];
  /** Ballots watched, with the answer given (pending while the first watch is being answered). */
  watching: Map<string, Promise<WatchAnswer>>;
  /** Ballots whose newer state was held back while the socket was slow to read: sent when it catches up. */
  owed: Set<string>;
  /** The version of the newest tally state sent per ballot watched: an older one is never sent after it. */
  sent: Map<string, number>;
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** What engine.io keeps private but a server must watch to bound its memory per client. */
interface ConnectionInternals {
  readonly writeBuffer?: readonly { readonly data?: unknown }[];
  readonly transport?: { readonly socket?: { readonly bufferedAmount?: number; terminate?: () => void } };
}

/**
 * Bytes queued for a socket and not yet taken by the network: engine.io's write buffer (where
 * packets wait while the transport is busy, or until a polling client polls) and, on websockets,
 * what the `ws` socket still buffers. Grows without bound for a client that does not read.
 */
export function bufferedBytes(socket: LiveSocket): number {
  const conn = socket.conn as unknown as ConnectionInternals;
  let total = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    total += 1 + (typeof data === 'string' ? data.length : Buffer.isBuffer(data) ? data.length : 0);
  }
  return total;
}

/** Closes a socket at once, discarding what it has not read (a graceful close would wait for it). */
export function dropSocket(socket: LiveSocket): void {
  const conn = socket.conn as unknown as ConnectionInternals;
  const ws = conn.transport?.socket;
  socket.conn.close(true);
  if (typeof ws?.terminate === 'function') {
    ws.terminate();
  }
}
