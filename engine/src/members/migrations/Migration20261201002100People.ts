import { Migration } from '@mikro-orm/migrations';

/** Invitations to join a membership, requests to join a public collective, and the directory's indexes. */
export class Migration20261201002100People extends Migration {
  override up(): void {
    this.addSql(`create table "invitation" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "email" text not null,
      "token_hash" text not null unique,
      "locale" text not null check ("locale" in ('fr', 'en')),
      "status" text not null default 'pending' check ("status" in ('pending', 'accepted', 'revoked')),
      "expires_at" timestamptz not null,
      "sent_at" timestamptz not null default now(),
      "send_count" integer not null default 1,
      "accepted_at" timestamptz null,
      "account_id" uuid null references "account" ("id") on delete set null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create unique index "invitation_one_per_member" on "invitation" ("member_id");');
    this.addSql('create index "invitation_collective_status" on "invitation" ("collective_id", "status");');
    this.addSql(`create table "join_request" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "account_id" uuid not null references "account" ("id") on delete cascade,
      "message" text not null default '',
      "locale" text not null default 'fr' check ("locale" in ('fr', 'en')),
      "status" text not null default 'pending' check ("status" in ('pending', 'approved', 'refused')),
      "created_at" timestamptz not null default now(),
      "decided_at" timestamptz null,
      "decided_by" uuid null references "member" ("id") on delete set null
    );`);
    this.addSql(
      `create unique index "join_request_one_pending" on "join_request" ("collective_id", "account_id") where "status" = 'pending';`,
    );
    this.addSql(
      'create index "member_directory" on "member" ("collective_id", lower("display_name"), "id");',
    );
  }

  override down(): void {
    this.addSql('drop index if exists "member_directory";');
    this.addSql('drop table if exists "join_request";');
    this.addSql('drop table if exists "invitation";');
  }
}
