import { Migration } from '@mikro-orm/migrations';

/** Deputies' actual votes, their parliamentary identifiers, consequence settings and applied consequences. */
export class Migration20261202101000Compliance extends Migration {
  override up(): void {
    this.addSql(`create table "deputy_actual_vote" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "ballot_id" uuid not null references "ballot" ("id") on delete cascade,
      "bill_id" uuid not null,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "vote" text not null check ("vote" in ('yes', 'no', 'abstain', 'absent')),
      "source" text not null check ("source" in ('declared', 'confirmed', 'imported')),
      "voted_on" date null,
      "roll_call_url" text null,
      "explanation" text null,
      "recorded_at" timestamptz not null default now(),
      "checked_by" uuid null,
      unique ("ballot_id", "member_id")
    );`);
    this.addSql('create index "deputy_actual_vote_member_idx" on "deputy_actual_vote" ("member_id");');
    this.addSql('create index "deputy_actual_vote_bill_idx" on "deputy_actual_vote" ("bill_id");');
    this.addSql(`create table "deputy_parliament_id" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "parliament_id" text not null,
      unique ("collective_id", "member_id"),
      unique ("collective_id", "parliament_id")
    );`);
    this.addSql(`create table "compliance_consequence" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('notice', 'recall', 'substitute')),
      "deviations" integer not null,
      "ballot_id" uuid null,
      "applied_at" timestamptz not null default now(),
      unique ("collective_id", "member_id", "kind")
    );`);
    this.addSql(`create table "compliance_setting" (
      "collective_id" uuid primary key references "collective" ("id") on delete cascade,
      "settings" jsonb not null,
      "updated_at" timestamptz not null default now()
    );`);
  }
}
