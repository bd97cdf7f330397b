import type { LiveServer } from './live.gateway';
import { rooms } from './live.contract';

/**
 * What a socket remembers of the rooms it joined on behalf of a collective (room name → collective
 * id), so that when a membership ends, every room of that collective is left at once — the engine's
 * ballot rooms and the plugins' rooms alike. Kept on `socket.data`, which socket.io shares with
 * `fetchSockets()`.
 */
export interface CollectiveRoomsData {
  collectiveRooms?: Record<string, string>;
}

/** The part of a socket (local or fetched) these helpers need. */
interface RoomSocket {
  readonly data: unknown;
  join(room: string | string[]): Promise<void> | void;
}

/**
 * Joins `room` as a room of `collectiveId`: every socket event that lets a caller follow something
 * of a collective joins through here, so that `endMembership` can take it away again.
 */
export async function joinCollectiveRoom(
  socket: RoomSocket,
  collectiveId: string,
  room: string,
): Promise<void> {
  rememberCollectiveRoom(socket, collectiveId, room);
  await socket.join(room);
}

/** Records `room` as a room of `collectiveId` without joining it (for rooms joined later by the server). */
export function rememberCollectiveRoom(socket: RoomSocket, collectiveId: string, room: string): void {
  const data = socket.data as CollectiveRoomsData;
  data.collectiveRooms ??= {};
  data.collectiveRooms[room] = collectiveId;
}

/** The reasons a membership stops giving a socket anything. */
export type MembershipEndReason = 'deactivated';

/**
 * On this instance, the sockets of `memberId` leave every room of the collective (its ballots,
 * plugins' rooms, the member's personal room) and are told why with `membership:ended`. They stay
 * connected: the socket may still follow other collectives, and may watch again as whatever it is
 * now (anonymous in a public collective, refused in a members-only one).
 */
export async function endMembership(
  server: LiveServer,
  collectiveId: string,
  memberId: string,
  reason: MembershipEndReason,
): Promise<number> {
  const sockets = await server.local.in(rooms.member(memberId)).fetchSockets();
  for (const socket of sockets) {
    const data = socket.data;
    const owned = Object.entries(data.collectiveRooms ?? {})
      .filter(([, owner]) => owner === collectiveId)
      .map(([room]) => room);
    for (const room of owned) {
      socket.leave(room);
      delete data.collectiveRooms![room];
      // a watch answered while a member is not an answer for what the socket is now: the next watch asks again
      if (room.startsWith('watch:') || room.startsWith('tally:')) {
        const ballotId = room.slice(room.indexOf(':') + 1);
        data.watching?.delete(ballotId);
        data.owed?.delete(ballotId);
        data.sent?.delete(ballotId);
      }
    }
    socket.leave(rooms.member(memberId));
    socket.emit('membership:ended', { collectiveId, reason });
  }
  return sockets.length;
}
