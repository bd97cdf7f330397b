import { Migration } from '@mikro-orm/migrations';

/**
 * The durable mail outbox: one row per message, unique by dedupe key, sent by the mail sender
 * (row lock held while sending, marked sent in the same transaction).
 */
export class Migration20261201001000MailOutbox extends Migration {
  override up(): void {
    this.addSql(`create table "mail_outbox" (
      "id" bigserial primary key,
      "dedupe_key" text not null unique check (char_length("dedupe_key") between 1 and 300),
      "message_id" text not null unique,
      "recipient" text not null check ("recipient" = lower("recipient") and "recipient" like '%@%'),
      "locale" text not null check ("locale" in ('fr', 'en')),
      "subject" text not null,
      "text_body" text not null,
      "html_body" text not null,
      "headers" jsonb not null default '{}',
      "status" text not null default 'pending' check ("status" in ('pending', 'sent', 'failed')),
      "transport" text null check ("transport" in ('smtp', 'local')),
      "attempts" integer not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "sent_at" timestamptz null
    );`);
    this.addSql(
      `create index "mail_outbox_due_index" on "mail_outbox" ("next_attempt_at", "id") where "status" = 'pending';`,
    );
    this.addSql('create index "mail_outbox_recipient_index" on "mail_outbox" ("recipient", "id");');
  }

  override down(): void {
    this.addSql('drop table if exists "mail_outbox";');
  }
}
