import { Migration } from '@mikro-orm/migrations';

/** Co-drafted bills (workflow and current phase), contributions, supports and syntheses. */
export class Migration20261128001000CoDrafting extends Migration {
  override up(): void {
    this.addSql(`create table "codraft_bill" (
      "bill_id" uuid primary key references "bill" ("id") on delete cascade,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "phases" jsonb not null,
      "overrides" jsonb not null default '{}',
      "current_phase" text not null,
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "codraft_contribution" (
      "id" uuid primary key,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "article_id" uuid not null,
      "author_id" uuid not null references "member" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('comment', 'argument-for', 'argument-against', 'proposal')),
      "heading" text null,
      "text" text not null,
      "phase" text not null,
      "supports" integer not null default 0 check ("supports" >= 0),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(
      'create index "codraft_contribution_bill_idx" on "codraft_contribution" ("bill_id", "article_id");',
    );
    this.addSql(`create table "codraft_support" (
      "contribution_id" uuid not null references "codraft_contribution" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "supported_at" timestamptz not null default now(),
      primary key ("contribution_id", "member_id")
    );`);
    this.addSql(`create table "codraft_synthesis" (
      "id" uuid primary key,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "article_id" uuid not null,
      "author_id" uuid not null references "member" ("id"),
      "text" text not null,
      "contribution_ids" uuid[] not null,
      "version_number" integer null,
      "created_at" timestamptz not null default now()
    );`);
  }

  override down(): void {
    for (const table of ['codraft_synthesis', 'codraft_support', 'codraft_contribution', 'codraft_bill']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
