import { Migration } from '@mikro-orm/migrations';

/**
 * The public record: an append-only event log per collective, hash-chained by the sealer
 * (engine/src/record/record-sealer.ts, docs/record.md). Hand-written SQL.
 */
export class Migration20261128000300Record extends Migration {
  override up(): void {
    this.addSql(`create table "record_event" (
      "id" bigserial primary key,
      "collective_id" uuid not null references "collective" ("id"),
      "type" text not null check ("type" <> ''),
      "payload" jsonb not null,
      "occurred_at" timestamptz not null default date_trunc('milliseconds', now()),
      "writer_xid" xid8 not null default pg_current_xact_id(),
      "position" bigint null check ("position" >= 1),
      "prev_hash" text null,
      "hash" text null,
      constraint "record_event_position_unique" unique ("collective_id", "position"),
      constraint "record_event_sealed_together" check (
        ("position" is null and "prev_hash" is null and "hash" is null)
        or ("position" is not null and "prev_hash" is not null and "hash" is not null)
      )
    );`);
    // The sealer's work list: unsealed rows only, so the index stays small however long the record grows.
    this.addSql(
      `create index "record_event_unsealed_idx" on "record_event" ("collective_id", "id") where "hash" is null;`,
    );
    this.addSql(
      `create index "record_event_ballot_closed_idx" on "record_event" ("collective_id", ("payload"->>'ballotId'))
       where "type" = 'ballot.closed';`,
    );
    this.addSql(`create function "record_event_guard"() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and old."hash" is null
     and new."hash" is not null and new."prev_hash" is not null and new."position" is not null
     and new."id" = old."id"
     and new."collective_id" = old."collective_id"
     and new."type" = old."type"
     and new."payload" = old."payload"
     and new."occurred_at" = old."occurred_at"
     and new."writer_xid" = old."writer_xid" then
    return new;
  end if;
  raise exception 'record_event is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Events are never changed or removed; only the sealer fills position, prev_hash and hash once.';
end;
$$;`);
    this.addSql(`create trigger "record_event_guard_rows" before update or delete on "record_event"
      for each row execute function "record_event_guard"();`);
    this.addSql(`create trigger "record_event_guard_truncate" before truncate on "record_event"
      for each statement execute function "record_event_guard"();`);
  }

  override down(): void {
    this.addSql('drop table if exists "record_event";');
    this.addSql('drop function if exists "record_event_guard"();');
  }
}
