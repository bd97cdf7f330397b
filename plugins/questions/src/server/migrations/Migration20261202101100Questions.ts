import { Migration } from '@mikro-orm/migrations';

/** Questions to deputies on a bill, their supports and the deputies' public answers. */
export class Migration20261202101100Questions extends Migration {
  override up(): void {
    this.addSql(`create table "question" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "asker_id" uuid not null references "member" ("id") on delete cascade,
      "asker_name" text not null,
      "text" text not null,
      "status" text not null default 'published' check ("status" in ('published', 'removed')),
      "reason_code" text null,
      "moderation_note" text null,
      "supports" integer not null default 0 check ("supports" >= 0),
      "asked_at" timestamptz not null default now()
    );`);
    this.addSql(
      'create index "question_bill_idx" on "question" ("bill_id", "status", "supports" desc, "asked_at");',
    );
    this.addSql(`create table "question_support" (
      "question_id" uuid not null references "question" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "supported_at" timestamptz not null default now(),
      primary key ("question_id", "member_id")
    );`);
    this.addSql(`create table "question_answer" (
      "id" uuid primary key,
      "question_id" uuid not null references "question" ("id") on delete cascade,
      "deputy_id" uuid not null references "member" ("id") on delete cascade,
      "deputy_name" text not null,
      "text" text not null,
      "answered_at" timestamptz not null default now(),
      unique ("question_id", "deputy_id")
    );`);
  }
}
