import { Migration } from '@mikro-orm/migrations';

/** Amendments, the per-bill amendment phase, ranked contests and their rankings, bill decisions. */
export class Migration20261128000900Amendments extends Migration {
  override up(): void {
    this.addSql(`create table "amendment_phase" (
      "bill_id" uuid primary key references "bill" ("id") on delete cascade,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "open" boolean not null,
      "closes_at" timestamptz null,
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "amendment_contest" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "article_id" uuid not null,
      "status" text not null check ("status" in ('open', 'closed')),
      "seed" text not null,
      "options" jsonb not null,
      "result" jsonb null,
      "winner" text null,
      "created_at" timestamptz not null default now(),
      "closed_at" timestamptz null
    );`);
    this.addSql(`create table "amendment" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "article_id" uuid not null,
      "author_id" uuid not null references "member" ("id"),
      "kind" text not null check ("kind" in ('replace', 'insert-after', 'delete')),
      "heading" text null,
      "text" text null,
      "new_article_id" uuid null,
      "rationale" text not null,
      "base_version" integer not null,
      "status" text not null check ("status" in
        ('proposed', 'voting', 'contest', 'adopted', 'rejected', 'withdrawn', 'lapsed')),
      "ballot_id" uuid null unique references "ballot" ("id") on delete set null,
      "contest_id" uuid null references "amendment_contest" ("id") on delete set null,
      "result" jsonb null,
      "merged_version" integer null,
      "created_at" timestamptz not null default now(),
      "decided_at" timestamptz null
    );`);
    this.addSql('create index "amendment_bill_idx" on "amendment" ("bill_id", "created_at");');
    this.addSql(`create table "amendment_ranking" (
      "contest_id" uuid not null references "amendment_contest" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "ranking" jsonb not null,
      "ranked_at" timestamptz not null default now(),
      primary key ("contest_id", "member_id")
    );`);
    this.addSql(`create table "amendment_bill_decision" (
      "ballot_id" uuid primary key references "ballot" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "version_number" integer not null,
      "adopted" boolean not null,
      "decided_at" timestamptz not null default now()
    );`);
  }

  override down(): void {
    for (const table of [
      'amendment_bill_decision',
      'amendment_ranking',
      'amendment',
      'amendment_contest',
      'amendment_phase',
    ]) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
