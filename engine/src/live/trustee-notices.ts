import type { EntityManager } from '@mikro-orm/postgresql';
import type { LiveMessage } from './live-message';
import type { LiveServer } from './live-socket';
import { rooms } from './live.contract';

/**
 * Tells a member's trustees, on their own sockets on any instance, that the member named them (with the
 * rank) or no longer does: `delegation:changed`, sent once, by the instance where the change was committed.
 */
export async function notifyTrustees(
  server: LiveServer,
  em: EntityManager,
  message: Extract<LiveMessage, { type: 'delegation' }>,
): Promise<void> {
  const [from] = await em
    .fork()
    .execute<{ display_name: string }[]>('select display_name from member where id = ?', [message.memberId]);
  const person = { memberId: message.memberId, displayName: from?.display_name ?? '' };
  const now = message.trustees ?? [];
  const removed = message.previousTrustees.filter((id) => !now.includes(id));
  now.forEach((trustee, index) => {
    server.to(rooms.member(trustee)).emit('delegation:changed', {
      collectiveId: message.collectiveId,
      from: person,
      change: 'set',
      scope: message.scope,
      target: message.target,
      rank: index + 1,
    });
  });
  for (const trustee of removed) {
    server.to(rooms.member(trustee)).emit('delegation:changed', {
      collectiveId: message.collectiveId,
      from: person,
      change: 'revoked',
      scope: message.scope,
      target: message.target,
      rank: null,
    });
  }
}
