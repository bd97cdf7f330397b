import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { LIQUIDE_CONFIG } from '../../config/config.module';
import type { LiquideConfig } from '../../config/liquide-config';
import { uuidArray } from '../../database/pg-array';
import { MailOutbox, type MailLocale, type OutgoingMail } from '../../mail/mail.contract';
import { MEMBER_JOINED_SQL } from '../../members/membership-binding';
import type { InvitationsSent, SkipReason } from './invitation.commands';
import { invitationMail } from './invitation-mail';
import { INVITATION_MAX_SENDS, INVITATION_TTL_DAYS, newInvitationToken } from './invitation-token';

interface Candidate {
  id: string;
  email: string;
  display_name: string;
  active: boolean;
  joined: boolean;
  status: 'pending' | 'accepted' | 'revoked' | null;
  send_count: number | null;
  expires_at: Date | null;
}

/** Members invited per transaction. */
const BATCH = 200;

/**
 * The one way invitations leave: a fresh random token per send (its hash replaces the previous
 * one, so an older link stops working), the row committed, then the message put in the outbox.
 * The token itself is only ever in the message.
 */
@Injectable()
export class InvitationSender {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: MailOutbox,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /**
   * Invites these members of the collective. `onlyUninvited` skips those whose invitation is still
   * pending (bulk "invite everyone who has not joined"); otherwise a pending invitation is sent again.
   */
  async send(
    collectiveId: string,
    memberIds: readonly string[],
    locale: MailLocale,
    onlyUninvited: boolean,
  ): Promise<InvitationsSent> {
    let sent = 0;
    const skipped: { memberId: string; reason: SkipReason }[] = [];
    for (let start = 0; start < memberIds.length; start += BATCH) {
      const batch = memberIds.slice(start, start + BATCH);
      const mails = await this.em.fork().transactional(async (em) => {
        const [collective] = await em.execute<{ name: string }[]>(
          'select name from collective where id = ?',
          [collectiveId],
        );
        const rows = await em.execute<Candidate[]>(
          `select m.id, m.email, m.display_name, m.active, ${MEMBER_JOINED_SQL} as joined,
                  i.status, i.send_count, i.expires_at
             from member m left join invitation i on i.member_id = m.id
            where m.collective_id = ? and m.id = any(?::uuid[])
            for update of m`,
          [collectiveId, uuidArray([...batch])],
        );
        const byId = new Map(rows.map((row) => [row.id, row]));
        const chosen: { row: Candidate; token: string; hash: string }[] = [];
        for (const memberId of batch) {
          const row = byId.get(memberId);
          const reason = row ? skipReason(row, onlyUninvited) : 'not_found';
          if (reason || !row) {
            skipped.push({ memberId, reason: reason ?? 'not_found' });
            continue;
          }
          chosen.push({ row, ...newInvitationToken() });
        }
        if (chosen.length === 0) {
          return [];
        }
        const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
        // one statement for the batch: a new token (hash) per member, the previous one replaced
        const saved = await em.execute<{ id: string; member_id: string; send_count: number }[]>(
          `insert into invitation (id, collective_id, member_id, email, token_hash, locale, expires_at)
           select r.id, ?, r.member_id, r.email, r.token_hash, ?, ?
             from jsonb_to_recordset(?::jsonb) as r(id uuid, member_id uuid, email text, token_hash text)
           on conflict (member_id) do update set token_hash = excluded.token_hash, email = excluded.email,
             locale = excluded.locale, status = 'pending', expires_at = excluded.expires_at, sent_at = now(),
             send_count = invitation.send_count + 1, accepted_at = null, account_id = null
           returning id, member_id, send_count`,
          [
            collectiveId,
            locale,
            expiresAt,
            JSON.stringify(
              chosen.map(({ row, hash }) => ({
                id: randomUUID(),
                member_id: row.id,
                email: row.email,
                token_hash: hash,
              })),
            ),
          ],
        );
        const byMember = new Map(saved.map((row) => [row.member_id, row]));
        return chosen.map(({ row, token }) =>
          invitationMail({
            invitationId: byMember.get(row.id)!.id,
            sendCount: byMember.get(row.id)!.send_count,
            to: row.email,
            locale,
            displayName: row.display_name,
            collectiveName: collective?.name ?? '',
            link: `${this.config.publicUrl}/#/invitation/${token}`,
            expiresAt,
          }),
        );
      });
      await enqueueAll(this.outbox, mails);
      sent += mails.length;
    }
    return { sent, skipped, remaining: 0 };
  }

  /** Active members of the collective who have not joined and hold no pending, unexpired invitation. */
  async uninvited(collectiveId: string): Promise<string[]> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `select m.id from member m left join invitation i on i.member_id = m.id
        where m.collective_id = ? and m.active and not ${MEMBER_JOINED_SQL}
          and (i.id is null or i.status = 'revoked' or (i.status = 'pending' and i.expires_at < now()))
        order by m.created_at, m.id`,
      [collectiveId],
    );
    return rows.map((row) => row.id);
  }
}

/** Messages put in the outbox a few at a time (each is its own durable insert). */
const ENQUEUE_CONCURRENCY = 8;

async function enqueueAll(outbox: MailOutbox, mails: readonly OutgoingMail[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(ENQUEUE_CONCURRENCY, mails.length) }, async () => {
      while (next < mails.length) {
        await outbox.enqueue(mails[next++]);
      }
    }),
  );
}

function skipReason(row: Candidate, onlyUninvited: boolean): SkipReason | null {
  if (!row.active) {
    return 'inactive';
  }
  if (row.joined || row.status === 'accepted') {
    return 'joined';
  }
  if ((row.send_count ?? 0) >= INVITATION_MAX_SENDS) {
    return 'send_limit';
  }
  const live =
    row.status === 'pending' && row.expires_at !== null && new Date(row.expires_at).getTime() > Date.now();
  if (onlyUninvited && live) {
    return 'pending';
  }
  return null;
}
