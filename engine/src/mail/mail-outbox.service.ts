import { EventEmitter } from 'node:events';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { MailOutbox, type OutgoingMail } from './mail.contract';
import { messageIdFor } from './message-id';

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,60}$/;
/** Headers the sender sets itself; a caller may not override them. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'content-type',
  'mime-version',
]);

const OutgoingMailSchema = z.object({
  to: z
    .string()
    .max(320)
    .refine((value) => value === value.trim().toLowerCase(), 'must be normalised (trimmed, lower case)')
    .pipe(z.email()),
  locale: z.enum(['fr', 'en']),
  subject: z
    .string()
    .min(1)
    .max(300)
    .refine((value) => !/[\r\n]/.test(value), 'must be one line'),
  text: z.string().min(1).max(200_000),
  html: z.string().min(1).max(400_000),
  dedupeKey: z.string().min(1).max(300),
  headers: z
    .record(z.string(), z.string().max(2000))
    .optional()
    .refine(
      (headers) =>
        headers === undefined ||
        Object.entries(headers).every(
          ([name, value]) =>
            HEADER_NAME.test(name) && !RESERVED_HEADERS.has(name.toLowerCase()) && !/[\r\n]/.test(value),
        ),
      'must be plain header names (not From, To, Subject, Message-ID…) with one-line values',
    ),
});

/**
 * The PostgreSQL outbox behind {@link MailOutbox}. `enqueue` inserts one row (nothing when the dedupe
 * key is already there); called inside `em.transactional(…)` it joins that transaction, so the mail
 * exists if and only if the cause commits. The {@link MailSender} delivers it.
 */
@Injectable()
export class PgMailOutbox extends MailOutbox {
  /**
   * Emits `queued` once an enqueued message is committed, so this process's sender starts at once
   * instead of at its next poll (other instances find it at theirs).
   */
  readonly signals = new EventEmitter();
  private signalOnCommit = false;

  constructor(
    private readonly em: EntityManager,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {
    super();
    em.getEventManager().registerSubscriber({
      afterTransactionCommit: () => {
        if (this.signalOnCommit) {
          this.signalOnCommit = false;
          this.signals.emit('queued');
        }
      },
    });
  }

  /**
   * Stores the message for delivery. A second message with the same `dedupeKey` is ignored.
   * @throws Error when the message breaks the contract (a programming error, not user input).
   */
  async enqueue(mail: OutgoingMail): Promise<void> {
    const parsed = OutgoingMailSchema.safeParse(mail);
    if (!parsed.success) {
      throw new Error(
        `Invalid outgoing mail: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    await this.em.execute(
      `insert into mail_outbox (dedupe_key, message_id, recipient, locale, subject, text_body, html_body, headers)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
       on conflict do nothing`,
      [
        mail.dedupeKey,
        messageIdFor(mail.dedupeKey, this.config.publicUrl),
        mail.to,
        mail.locale,
        mail.subject,
        mail.text,
        mail.html,
        JSON.stringify(mail.headers ?? {}),
      ],
      'run',
    );
    if (this.em.getContext(false).isInTransaction()) {
      this.signalOnCommit = true;
    } else {
      this.signals.emit('queued');
    }
  }
}
