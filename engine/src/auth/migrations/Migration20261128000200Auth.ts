import { Migration } from '@mikro-orm/migrations';

/** Accounts (local and OpenID Connect) and their refresh tokens. */
export class Migration20261128000200Auth extends Migration {
  override up(): void {
    this.addSql(`create table "account" (
      "id" uuid primary key,
      "email" text not null unique check ("email" = lower("email")),
      "display_name" text not null check (char_length("display_name") between 1 and 100),
      "password_hash" text null,
      "oidc_issuer" text null,
      "oidc_subject" text null,
      "created_at" timestamptz not null default now(),
      constraint "account_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject"),
      constraint "account_oidc_identity_check" check (("oidc_issuer" is null) = ("oidc_subject" is null))
    );`);
    this.addSql(`create table "refresh_token" (
      "id" uuid primary key,
      "account_id" uuid not null references "account" ("id") on delete cascade,
      "token_hash" text not null unique,
      "family_id" uuid not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create index "refresh_token_family_id_index" on "refresh_token" ("family_id");');
    this.addSql('create index "refresh_token_account_id_index" on "refresh_token" ("account_id");');
  }

  override down(): void {
    this.addSql('drop table if exists "refresh_token";');
    this.addSql('drop table if exists "account";');
  }
}
