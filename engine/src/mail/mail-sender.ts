import { once } from 'node:events';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { PgMailOutbox } from './mail-outbox.service';
import { createMailTransport, MailSendError, type MailTransport, type StoredMail } from './mail-transport';

/** How long an idle sender waits before looking at the outbox again (an enqueue wakes it sooner). */
const POLL_MS = 1000;
/** First retry delay; it doubles per attempt, up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 5000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

interface OutboxRow {
  id: string;
  dedupe_key: string;
  message_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  attempts: number;
}

/**
 * Delivers the outbox. Each of `MAIL_CONCURRENCY` loops takes one due message with
 * `FOR UPDATE SKIP LOCKED`, keeps the row locked while the transport sends it, and marks it sent (or
 * schedules the retry) in that same transaction. A process killed mid-send loses its connection, so
 * PostgreSQL rolls the transaction back and the row is due again at once: nothing is lost. Several
 * instances share the outbox safely. See docs/operations.md for the residual duplicate window.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailSender');
  private transport: MailTransport | undefined;
  private loops: Promise<void>[] = [];
  private stopping = false;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: PgMailOutbox,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {
    outbox.signals.setMaxListeners(0);
  }

  onApplicationBootstrap(): void {
    this.transport = createMailTransport(this.config);
    if (!this.transport) {
      this.logger.warn('SMTP_URL is unset: e-mail waits in the outbox (table mail_outbox) until it is set');
      return;
    }
    for (let slot = 0; slot < this.config.mail.concurrency; slot += 1) {
      this.loops.push(this.loop());
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.outbox.signals.emit('queued');
    await Promise.all(this.loops);
    this.loops = [];
    this.transport?.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let sent = false;
      try {
        sent = await this.sendOne();
      } catch (error) {
        this.logger.error(`Reading the mail outbox failed: ${String(error)}`);
      }
      if (!sent && !this.stopping) {
        await this.idle();
      }
    }
  }

  private async idle(): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), POLL_MS);
    try {
      await once(this.outbox.signals, 'queued', { signal: controller.signal });
    } catch {
      // the poll interval elapsed
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends the next due message, if any; true when one was taken. */
  private sendOne(): Promise<boolean> {
    const transport = this.transport;
    if (!transport) {
      return Promise.resolve(false);
    }
    return this.em.fork().transactional(async (em) => {
      const [row] = await em.execute<OutboxRow[]>(
        `select id, dedupe_key, message_id, recipient, subject, text_body, html_body, headers, attempts
           from mail_outbox
          where status = 'pending' and next_attempt_at <= now()
          order by next_attempt_at, id
          limit 1
          for update skip locked`,
      );
      if (!row) {
        return false;
      }
      try {
        await transport.send(toStoredMail(row));
      } catch (error) {
        const failure = error instanceof MailSendError ? error : new MailSendError(String(error), false);
        const attempts = row.attempts + 1;
        const giveUp = failure.permanent || attempts >= this.config.mail.maxAttempts;
        const delay = Math.min(FIRST_BACKOFF_MS * 2 ** row.attempts, MAX_BACKOFF_MS);
        await em.execute(
          `update mail_outbox
              set attempts = ?, status = ?, last_error = ?,
                  next_attempt_at = now() + make_interval(secs => ?)
            where id = ?`,
          [attempts, giveUp ? 'failed' : 'pending', failure.message.slice(0, 1000), delay / 1000, row.id],
          'run',
        );
        this.logger.warn(
          `Mail ${row.message_id} ${giveUp ? 'failed for good' : `will be retried in ${delay / 1000} s`} ` +
            `(attempt ${attempts}): ${failure.message}`,
        );
        return true;
      }
      await em.execute(
        `update mail_outbox set status = 'sent', transport = ?, attempts = attempts + 1, sent_at = now(),
                last_error = null
          where id = ?`,
        [transport.kind, row.id],
        'run',
      );
      return true;
    });
  }
}

function toStoredMail(row: OutboxRow): StoredMail {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    messageId: row.message_id,
    recipient: row.recipient,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    headers: row.headers,
  };
}
