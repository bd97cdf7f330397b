import { Migration } from '@mikro-orm/migrations';

/**
 * Client request ids of delegation writes (set, revoke), as `vote_request` for votes: a retry with the
 * same id gets the first answer back and writes nothing, so the record holds one event per request.
 */
export class Migration20261201006002DelegationRequests extends Migration {
  override up(): void {
    this.addSql(`create table "delegation_request" (
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "request_id" text not null,
      "fingerprint" text not null,
      "response" jsonb null,
      "created_at" timestamptz not null default now(),
      primary key ("member_id", "request_id")
    );`);
  }

  override down(): void {
    this.addSql('drop table if exists "delegation_request";');
  }
}
