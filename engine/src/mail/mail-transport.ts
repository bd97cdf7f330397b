import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { LiquideConfig } from '../config/liquide-config';

/** One stored message, as the sender hands it to a transport. */
export interface StoredMail {
  readonly id: string;
  readonly dedupeKey: string;
  readonly messageId: string;
  readonly recipient: string;
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where messages go: an SMTP server, or the local outbox (the log and the development page). */
export interface MailTransport {
  readonly kind: 'smtp' | 'local';
  /** Resolves once the next hop accepted the message; rejects with a {@link MailSendError} otherwise. */
  send(mail: StoredMail): Promise<void>;
  close(): void;
}

/** A refused or failed delivery; `permanent` (an SMTP 5xx answer) is not retried. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** Milliseconds: connecting, waiting for the greeting, and silence on an open connection. */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

/** SMTP through nodemailer's pooled transport, with bounded timeouts. */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections: number,
  ) {
    this.transporter = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections,
      maxMessages: 500,
      ...SMTP_TIMEOUTS,
    });
  }

  async send(mail: StoredMail): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: mail.messageId,
        headers: { ...mail.headers, 'X-Liquide-Dedupe-Key': mail.dedupeKey },
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      const text = error instanceof Error ? error.message : String(error);
      throw new MailSendError(typeof code === 'number' ? `SMTP ${code}: ${text}` : text, permanent);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Development and tests without SMTP_URL: the message stays in the outbox table (shown on the
 * development page, `/api/dev/mail`) and is printed to the log. Never used in production, where
 * messages wait in the outbox until SMTP_URL is set (bodies carry links that must not reach logs).
 */
export class LocalTransport implements MailTransport {
  readonly kind = 'local';
  private readonly logger = new Logger('LocalOutbox');

  send(mail: StoredMail): Promise<void> {
    this.logger.log(
      `Mail kept in the local outbox (SMTP_URL unset; see /api/dev/mail)\n` +
        `  To: ${mail.recipient}\n  Subject: ${mail.subject}\n  Message-ID: ${mail.messageId}\n\n${mail.textBody}\n`,
    );
    return Promise.resolve();
  }

  close(): void {
    // nothing to release
  }
}

/** The transport the configuration asks for; none in production without SMTP_URL (mail waits). */
export function createMailTransport(config: LiquideConfig): MailTransport | undefined {
  if (config.mail.smtpUrl) {
    return new SmtpTransport(config.mail.smtpUrl, config.mail.from, config.mail.concurrency);
  }
  return config.env === 'production' ? undefined : new LocalTransport();
}
