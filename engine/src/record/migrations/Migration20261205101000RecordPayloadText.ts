import { Migration } from '@mikro-orm/migrations';

/** The append-only guard of Migration20261128000300Record, with or without `payload_text`. */
function guard(withPayloadText: boolean): string {
  return `create or replace function "record_event_guard"() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and old."hash" is null
     and new."hash" is not null and new."prev_hash" is not null and new."position" is not null
     and new."id" = old."id"
     and new."collective_id" = old."collective_id"
     and new."type" = old."type"
     and new."payload" = old."payload"${withPayloadText ? `\n     and new."payload_text" is not distinct from old."payload_text"` : ''}
     and new."occurred_at" = old."occurred_at"
     and new."writer_xid" = old."writer_xid" then
    return new;
  end if;
  raise exception 'record_event is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Events are never changed or removed; only the sealer fills position, prev_hash and hash once.';
end;
$$;`;
}

/**
 * A large payload (a closed ballot's: 150 MB at 1,000,000 members) is stored as its canonical JSON text in
 * `payload_text`, not parsed into `jsonb`, which cost PostgreSQL most of the close (docs/performance.md,
 * "Closing from PostgreSQL"). `payload` then keeps only the payload's small top-level fields, for lookups
 * (`payload->>'ballotId'`); readers take `coalesce(payload_text::jsonb, payload)`, so the exported record
 * does not change. The append-only guard covers the new column.
 */
export class Migration20261205101000RecordPayloadText extends Migration {
  override up(): void {
    this.addSql('alter table "record_event" add column "payload_text" text null;');
    this.addSql(guard(true));
  }

  override down(): void {
    this.addSql('alter table "record_event" disable trigger "record_event_guard_rows";');
    this.addSql(
      `update "record_event" set "payload" = "payload_text"::jsonb where "payload_text" is not null;`,
    );
    this.addSql('alter table "record_event" enable trigger "record_event_guard_rows";');
    this.addSql(guard(false));
    this.addSql('alter table "record_event" drop column "payload_text";');
  }
}
