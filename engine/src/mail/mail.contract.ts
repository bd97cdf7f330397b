/**
 * What the rest of the engine and the plugins know of e-mail: a message to put in the durable outbox.
 * The mail module implements `MailOutbox` (SMTP through nodemailer when SMTP_URL is set, a local
 * outbox shown to developers otherwise); callers never talk to SMTP themselves.
 */
export type MailLocale = 'fr' | 'en';

export interface OutgoingMail {
  /** One recipient address, already normalised (lower case, trimmed). */
  readonly to: string;
  readonly locale: MailLocale;
  readonly subject: string;
  /** Plain-text body; every message has one. */
  readonly text: string;
  /** HTML body, built from the same content as `text`. */
  readonly html: string;
  /**
   * Unique per recipient and cause (for example `notice:<noticeId>` or `verify:<tokenId>`): the outbox
   * keeps one message per key, so a retried or replayed cause never sends twice.
   */
  readonly dedupeKey: string;
  /** Extra headers, for example `List-Unsubscribe` and `List-Unsubscribe-Post` for notices. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The durable outbox: once `enqueue` resolves, the message is stored and will be delivered. */
export abstract class MailOutbox {
  abstract enqueue(mail: OutgoingMail): Promise<void>;
}
