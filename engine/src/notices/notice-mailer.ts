import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DueScheduler } from '../common/due-scheduler';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { uuidArray } from '../database/pg-array';
import { LiquideError } from '../errors/liquide-error';
import { MailOutbox } from '../mail/mail.contract';
import { renderNoticeMail } from './notice-mail';
import { NoticePreferencesService } from './notice-preferences';
import { DEFAULT_FREQUENCY, NoticeStore } from './notice.store';
import { MailNoticesCommand } from './notices.commands';
import { NoticeErrorCode } from './notices.errors';
import { UnsubscribeTokens } from './unsubscribe-token';

/** Notices older than this are never mailed (a person who switches from "never" gets no backlog). */
const MAIL_WINDOW = "interval '2 days'";
/** Most notices one message (or one immediate round for one address) carries. */
const MAX_PER_MESSAGE = 100;

@CommandHandler(MailNoticesCommand)
export class MailNoticesHandler implements ICommandHandler<MailNoticesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly store: NoticeStore,
    private readonly preferences: NoticePreferencesService,
    private readonly tokens: UnsubscribeTokens,
    private readonly outbox: MailOutbox,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /**
   * In one transaction: claims the address's unmailed notices (and, for a digest, the day), puts the
   * messages in the durable outbox (which joins this transaction), marks the notices mailed, commits.
   * So a message exists if and only if its notices are marked mailed: a failure rolls everything back
   * for the next round, and the dedupe keys (`notice:<id>`, `notice-digest:<address>:<day>`) keep a
   * cause from ever being enqueued twice.
   */
  async execute({ email, mode, now }: MailNoticesCommand): Promise<number> {
    const preferences = await this.preferences.get(email);
    if (preferences.frequency !== (mode === 'immediate' ? 'immediate' : 'daily')) {
      throw new LiquideError(NoticeErrorCode.NothingToSend);
    }
    const day = now.toISOString().slice(0, 10);
    return this.em.fork().transactional(async (em) => {
      if (mode === 'digest') {
        const claimed = await em.execute(
          `insert into notice_digest (email, day, notices) values (?, ?, 0)
           on conflict do nothing returning 1 as ok`,
          [email, day],
        );
        if (claimed.length === 0) {
          throw new LiquideError(NoticeErrorCode.DigestAlreadySent, { params: { day } });
        }
      }
      const rows = await em.execute<{ id: string }[]>(
        `select n.id from notice n
          where n.member_id in (select m.id from member m join account a on a.id = m.account_id
                                 where a.email = ? and a.email_verified_at is not null and m.active)
            and n.mailed_at is null and n.created_at > now() - ${MAIL_WINDOW}
          order by n.created_at, n.id limit ? for update skip locked`,
        [email, MAX_PER_MESSAGE],
      );
      if (rows.length === 0) {
        throw new LiquideError(NoticeErrorCode.NothingToSend);
      }
      const ids = rows.map((row) => row.id);
      const notices = await this.store.views(ids);
      const token = await this.tokens.sign(email);
      const frame = {
        publicUrl: this.config.publicUrl,
        locale: preferences.locale,
        unsubscribeUrl: this.tokens.pageUrl(token),
      };
      const headers = {
        'List-Unsubscribe': `<${this.tokens.postUrl(token)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      };
      const messages =
        mode === 'digest'
          ? [{ key: `notice-digest:${email}:${day}`, mail: renderNoticeMail(notices, frame, 'digest') }]
          : notices.map((notice) => ({
              key: `notice:${notice.id}`,
              mail: renderNoticeMail([notice], frame, 'immediate'),
            }));
      for (const { key, mail } of messages) {
        await this.outbox.enqueue({
          to: email,
          locale: preferences.locale,
          dedupeKey: key,
          headers,
          ...mail,
        });
      }
      await em.execute('update notice set mailed_at = now() where id = any(?::uuid[])', [uuidArray(ids)]);
      if (mode === 'digest') {
        await em.execute('update notice_digest set notices = ? where email = ? and day = ?', [
          ids.length,
          email,
          day,
        ]);
      }
      return ids.length;
    });
  }
}

/**
 * Puts notices in the mail outbox: at once for people who chose `immediate`; once a day, from
 * NOTICE_DIGEST_HOUR (UTC), for `daily` (the default). State lives in PostgreSQL (unmailed notices,
 * digests sent per address and day), so restarts and several instances neither lose nor repeat mail.
 */
@Injectable()
export class NoticeMailScheduler extends DueScheduler<{ email: string; mode: 'immediate' | 'digest' }> {
  protected readonly logger = new Logger(NoticeMailScheduler.name);

  constructor(
    private readonly em: EntityManager,
    commands: CommandBus,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {
    super(commands, 2000);
  }

  protected findDue(): Promise<{ email: string; mode: 'immediate' | 'digest' }[]> {
    const digestDue = new Date().getUTCHours() >= this.config.notices.digestHour;
    return this.em.fork().execute<{ email: string; mode: 'immediate' | 'digest' }[]>(
      `select a.email, case when coalesce(p.frequency, ?) = 'immediate' then 'immediate' else 'digest' end as mode
         from notice n
         join member m on m.id = n.member_id and m.active
         join account a on a.id = m.account_id and a.email_verified_at is not null
         left join notice_preference p on p.email = a.email
        where n.mailed_at is null and n.created_at > now() - ${MAIL_WINDOW}
          and (coalesce(p.frequency, ?) = 'immediate'
               or (coalesce(p.frequency, ?) = 'daily' and ?
                   and not exists (select 1 from notice_digest d
                                    where d.email = a.email and d.day = (now() at time zone 'utc')::date)))
        group by a.email, p.frequency
        limit 50`,
      [DEFAULT_FREQUENCY, DEFAULT_FREQUENCY, DEFAULT_FREQUENCY, digestDue],
    );
  }

  protected commandFor(item: { email: string; mode: 'immediate' | 'digest' }): MailNoticesCommand {
    return new MailNoticesCommand(item.email, item.mode);
  }

  protected label(item: { email: string; mode: string }): string {
    return `${item.mode} notices mail`;
  }
}
