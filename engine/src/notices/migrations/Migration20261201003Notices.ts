import { Migration } from '@mikro-orm/migrations';

/**
 * Stored notices (one per recipient membership and cause), each person's e-mail choice, the topics
 * each membership follows, the digests sent (one per address and day) and the ballots already
 * reminded of their close.
 */
export class Migration20261201003Notices extends Migration {
  override up(): void {
    this.addSql(`create table "notice" (
      "id" uuid not null default gen_random_uuid(),
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "kind" text not null,
      "cause" text not null,
      "subject_type" text not null check ("subject_type" in ('bill', 'ballot', 'petition', 'collective')),
      "subject_id" uuid not null,
      "bill_id" uuid null,
      "title" text not null,
      "params" jsonb not null default '{}',
      "created_at" timestamptz not null default now(),
      "read_at" timestamptz null,
      "mailed_at" timestamptz null,
      primary key ("id"),
      constraint "notice_member_cause_unique" unique ("member_id", "cause")
    );`);
    this.addSql(
      'create index "notice_member_created_idx" on "notice" ("member_id", "created_at" desc, "id" desc);',
    );
    this.addSql('create index "notice_unmailed_idx" on "notice" ("created_at") where "mailed_at" is null;');
    this.addSql(`create table "notice_preference" (
      "email" text not null,
      "frequency" text not null check ("frequency" in ('immediate', 'daily', 'never')),
      "locale" text not null check ("locale" in ('fr', 'en')),
      "updated_at" timestamptz not null default now(),
      primary key ("email")
    );`);
    this.addSql(`create table "notice_topic_follow" (
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "topic_ids" uuid[] null,
      primary key ("member_id")
    );`);
    this.addSql(`create table "notice_digest" (
      "email" text not null,
      "day" date not null,
      "notices" integer not null,
      "sent_at" timestamptz not null default now(),
      primary key ("email", "day")
    );`);
    this.addSql(`create table "notice_ballot_reminder" (
      "ballot_id" uuid not null references "ballot" ("id") on delete cascade,
      "reminded_at" timestamptz not null default now(),
      primary key ("ballot_id")
    );`);
  }

  override down(): void {
    this.addSql('drop table if exists "notice_ballot_reminder";');
    this.addSql('drop table if exists "notice_digest";');
    this.addSql('drop table if exists "notice_topic_follow";');
    this.addSql('drop table if exists "notice_preference";');
    this.addSql('drop table if exists "notice";');
  }
}
