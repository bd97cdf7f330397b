import { Migration } from '@mikro-orm/migrations';

/**
 * Single-use, expiring links sent by e-mail: verify an address (at registration or when changing it)
 * and reset a password. Only the SHA-256 of the random value is stored.
 */
export class Migration20261201001200AccountTokens extends Migration {
  override up(): void {
    this.addSql(`create table "account_token" (
      "id" uuid primary key,
      "account_id" uuid not null references "account" ("id") on delete cascade,
      "purpose" text not null check ("purpose" in ('verify_email', 'change_email', 'reset_password')),
      "email" text not null check ("email" = lower("email")),
      "token_hash" text not null unique,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(
      'create index "account_token_account_purpose_index" on "account_token" ("account_id", "purpose");',
    );
  }

  override down(): void {
    this.addSql('drop table if exists "account_token";');
  }
}
