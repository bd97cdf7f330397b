import type { ClientToServerEvents, ServerToClientEvents } from '@liquide/engine/live/live.contract';
import { io, type Socket } from 'socket.io-client';
import { session } from './session.svelte';

export type { TallyState, WatchAnswer } from '@liquide/engine/live/live.contract';
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io connection as the signed-in account (or anonymous), on the page's own origin. */
export function connectLive(): LiveSocket {
  return io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: session.tokens ? { token: session.tokens.accessToken } : {},
  });
}
