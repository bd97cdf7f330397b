import { Migration } from '@mikro-orm/migrations';

/** Topics, members, bills, ballots, votes (with their idempotency keys) and delegations. */
export class Migration20261128000400Domain extends Migration {
  override up(): void {
    this.addSql(`create table "topic" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "slug" text not null,
      "name" text not null,
      "created_at" timestamptz not null default now(),
      unique ("collective_id", "slug")
    );`);
    this.addSql(`create table "member" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "email" text not null,
      "display_name" text not null,
      "roles" text[] not null default '{member}',
      "voting_rights" boolean not null default true,
      "weight" double precision not null default 1 check ("weight" > 0),
      "active" boolean not null default true,
      "attributes" jsonb not null default '{}',
      "created_at" timestamptz not null default now(),
      unique ("collective_id", "email")
    );`);
    this.addSql('create index "member_email_idx" on "member" ("email");');
    this.addSql(`create table "bill" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "topic_id" uuid null references "topic" ("id"),
      "title" text not null,
      "summary" text not null,
      "articles" jsonb not null,
      "status" text not null default 'published',
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "ballot" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "opens_at" timestamptz not null,
      "closes_at" timestamptz not null,
      "visibility" text not null,
      "mandate_method" text not null,
      "mandate_base" text not null,
      "deputies" integer not null check ("deputies" > 0),
      "seed" text not null,
      "status" text not null default 'draft' check ("status" in ('draft', 'open', 'closed')),
      "opened_at" timestamptz null,
      "closed_at" timestamptz null,
      "result" jsonb null,
      "result_hash" text null,
      "result_stats" jsonb null,
      "created_at" timestamptz not null default now(),
      check ("closes_at" > "opens_at")
    );`);
    this.addSql('create index "ballot_due_idx" on "ballot" ("closes_at") where "status" = \'open\';');
    this.addSql(`create table "vote" (
      "id" uuid primary key,
      "ballot_id" uuid not null references "ballot" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "choice" text not null check ("choice" in ('yes', 'no', 'abstain')),
      "cast_at" timestamptz not null default now(),
      unique ("ballot_id", "member_id")
    );`);
    this.addSql(`create table "vote_request" (
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "request_id" text not null,
      "ballot_id" uuid not null,
      "response" jsonb not null,
      "created_at" timestamptz not null default now(),
      primary key ("member_id", "request_id")
    );`);
    this.addSql(`create table "delegation" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "scope" text not null check ("scope" in ('global', 'topic', 'bill')),
      "target" uuid null,
      "scope_key" text not null,
      "trustees" uuid[] not null,
      "expires_at" timestamptz null,
      "updated_at" timestamptz not null default now(),
      unique ("member_id", "scope_key")
    );`);
    this.addSql('create index "delegation_collective_idx" on "delegation" ("collective_id");');
    this.addSql('create index "delegation_trustees_idx" on "delegation" using gin ("trustees");');
    this.addSql(`create table "member_import" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "status" text not null check ("status" in ('running', 'done', 'failed')),
      "total" integer not null,
      "processed" integer not null default 0,
      "created" integer not null default 0,
      "updated" integer not null default 0,
      "errors" jsonb not null default '[]',
      "created_at" timestamptz not null default now(),
      "finished_at" timestamptz null
    );`);
  }

  override down(): void {
    for (const table of [
      'member_import',
      'delegation',
      'vote_request',
      'vote',
      'ballot',
      'bill',
      'member',
      'topic',
    ]) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
