import { Migration } from '@mikro-orm/migrations';

/** Petitions, their sponsors, signatures, deliberation comments and reached thresholds. */
export class Migration20261128000700Petitions extends Migration {
  override up(): void {
    this.addSql(`create table "petition" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "author_id" uuid not null references "member" ("id"),
      "title" text not null,
      "text" text not null,
      "addressee" text not null,
      "bill_id" uuid null references "bill" ("id") on delete set null,
      "status" text not null default 'draft' check ("status" in
        ('draft', 'sponsored', 'pending', 'deliberation', 'open', 'rejected', 'closed', 'answered')),
      "rules" jsonb not null,
      "reject_reason" text null,
      "reject_note" text null,
      "sponsor_count" integer not null default 0 check ("sponsor_count" >= 0),
      "signature_count" integer not null default 0 check ("signature_count" >= 0),
      "region_counts" jsonb not null default '{}',
      "version" integer not null default 0,
      "created_at" timestamptz not null default now(),
      "deliberation_ends_at" timestamptz null,
      "opened_at" timestamptz null,
      "closes_at" timestamptz null,
      "closed_at" timestamptz null,
      "answer_due_at" timestamptz null,
      "answer_text" text null,
      "answer_by" text null,
      "answered_at" timestamptz null
    );`);
    this.addSql('create index "petition_collective_status_idx" on "petition" ("collective_id", "status");');
    this.addSql(`create index "petition_due_idx" on "petition" ("closes_at") where "status" = 'open';`);
    this.addSql(`create table "petition_sponsor" (
      "petition_id" uuid not null references "petition" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "sponsored_at" timestamptz not null default now(),
      primary key ("petition_id", "member_id")
    );`);
    this.addSql(`create table "petition_signature" (
      "petition_id" uuid not null references "petition" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "region" text null,
      "signed_at" timestamptz not null default now(),
      primary key ("petition_id", "member_id")
    );`);
    this.addSql(`create table "petition_comment" (
      "id" uuid primary key,
      "petition_id" uuid not null references "petition" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "stance" text not null check ("stance" in ('comment', 'for', 'against')),
      "text" text not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(
      'create index "petition_comment_petition_idx" on "petition_comment" ("petition_id", "created_at");',
    );
    this.addSql(`create table "petition_threshold" (
      "petition_id" uuid not null references "petition" ("id") on delete cascade,
      "threshold_id" text not null,
      "effect" text not null,
      "signatures" integer not null,
      "reached_at" timestamptz not null default now(),
      "response_due_at" timestamptz null,
      "ballot_id" uuid null references "ballot" ("id") on delete set null,
      primary key ("petition_id", "threshold_id")
    );`);
  }

  override down(): void {
    for (const table of [
      'petition_threshold',
      'petition_comment',
      'petition_signature',
      'petition_sponsor',
      'petition',
    ]) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
