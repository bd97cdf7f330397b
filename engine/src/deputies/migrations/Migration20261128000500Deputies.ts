import { Migration } from '@mikro-orm/migrations';

/** Volunteers, sortitions, deputy seats (with their history), mandate keys and signed instructions. */
export class Migration20261128000500Deputies extends Migration {
  override up(): void {
    this.addSql(`create table "deputy_volunteer" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "statement" text not null default '',
      "volunteered_at" timestamptz not null default now(),
      "withdrawn_at" timestamptz null,
      "certified_on" date null,
      "certified_by" uuid null,
      "training" text null,
      "certification_recorded_at" timestamptz null,
      unique ("collective_id", "member_id")
    );`);
    this.addSql(`create table "sortition" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "status" text not null default 'frozen' check ("status" in ('frozen', 'committed', 'drawn')),
      "seats" integer not null check ("seats" > 0),
      "substitute_count" integer not null check ("substitute_count" >= 0),
      "quotas" jsonb not null,
      "pool" jsonb not null,
      "pool_hash" text not null,
      "frozen_at" timestamptz not null,
      "frozen_by" uuid not null,
      "seed_commitment" text null,
      "secret_seed" text null,
      "public_value_source" text null,
      "committed_at" timestamptz null,
      "proof" jsonb null,
      "drawn_at" timestamptz null
    );`);
    this.addSql('create index "sortition_collective_idx" on "sortition" ("collective_id", "frozen_at");');
    this.addSql(`create table "deputy_seat" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "sortition_id" uuid not null references "sortition" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "status" text not null default 'seated' check ("status" in ('seated', 'resigned', 'ended')),
      "seated_at" timestamptz not null,
      "ended_at" timestamptz null,
      "replaces" uuid null references "deputy_seat" ("id"),
      "quotas_met" boolean not null default true,
      "reason" text null
    );`);
    this.addSql(
      `create unique index "deputy_seat_one_seated_idx" on "deputy_seat" ("collective_id", "member_id") where "status" = 'seated';`,
    );
    this.addSql(`create table "mandate_key" (
      "kid" text primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "alg" text not null default 'ES256',
      "public_jwk" jsonb not null,
      "encrypted_private_key" text not null,
      "created_at" timestamptz not null,
      "retired_at" timestamptz null
    );`);
    this.addSql(
      `create unique index "mandate_key_active_idx" on "mandate_key" ("collective_id") where "retired_at" is null;`,
    );
    this.addSql(`create table "mandate_instruction" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "ballot_id" uuid not null references "ballot" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "choice" text not null check ("choice" in ('yes', 'no', 'abstain', 'absent')),
      "kid" text not null references "mandate_key" ("kid"),
      "jws" text not null,
      "issued_at" timestamptz not null,
      unique ("ballot_id", "member_id")
    );`);
    this.addSql('create index "mandate_instruction_bill_idx" on "mandate_instruction" ("bill_id");');
    this.addSql(
      'create index "mandate_instruction_member_idx" on "mandate_instruction" ("member_id", "issued_at");',
    );
  }

  override down(): void {
    for (const table of [
      'mandate_instruction',
      'mandate_key',
      'deputy_seat',
      'sortition',
      'deputy_volunteer',
    ]) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
