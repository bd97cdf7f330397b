import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TallyState, WatchAnswer } from '@liquide/engine';
import { waitFor } from './wait';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as the web client makes it (token in `auth`, websocket transport). */
export async function connectLive(baseUrl: string, token?: string): Promise<LiveClient> {
  const socket: LiveClient = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

export function watch(socket: LiveClient, ballotId: string): Promise<WatchAnswer> {
  return socket.timeout(5000).emitWithAck('ballot:watch', { ballotId });
}

/** Collects every `tally:state` a socket receives. */
export function collectStates(socket: LiveClient): TallyState[] {
  const states: TallyState[] = [];
  socket.on('tally:state', (state) => states.push(state));
  return states;
}

/** Waits until `check` holds, polling. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Connects a socket (signed in with `token`, or anonymous), watches a ballot and returns every state it has:
 * the watch's answer first, then each push. The socket is handed to `keep` so that the test can close it.
 */
export async function observeBallot(
  baseUrl: string,
  ballotId: string,
  keep: (socket: LiveClient) => void,
  token?: string,
): Promise<TallyState[]> {
  const observer = await connectLive(baseUrl, token);
  keep(observer);
  const states = collectStates(observer);
  const answer = await watch(observer, ballotId);
  if (!answer.ok || !answer.state) {
    throw new Error(`watch failed: ${JSON.stringify(answer)}`);
  }
  states.unshift(answer.state);
  return states;
}

/** Waits (as long as a busy machine may need) until the newest state shows these totals. */
export function showsTotals(
  states: readonly TallyState[],
  totals: Partial<TallyState['totals']>,
): Promise<void> {
  return waitFor(() =>
    Promise.resolve(
      Object.entries(totals).every(([k, v]) => states.at(-1)?.totals[k as keyof typeof totals] === v),
    ),
  );
}
