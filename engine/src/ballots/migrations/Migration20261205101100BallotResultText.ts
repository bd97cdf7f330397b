import { Migration } from '@mikro-orm/migrations';

/** The immutability guard of Migration20261128000420ResultImmutable, with or without `result_text`. */
function guard(withResultText: boolean): string {
  return `create or replace function liquide_ballot_result_immutable() returns trigger
language plpgsql as $fn$
begin
  if old.status = 'closed' and (
       new.status is distinct from old.status
    or new.result is distinct from old.result${withResultText ? '\n    or new.result_text is distinct from old.result_text' : ''}
    or new.result_hash is distinct from old.result_hash
    or new.closed_at is distinct from old.closed_at) then
    raise exception 'the result of closed ballot % cannot change', old.id using errcode = 'P0001';
  end if;
  return new;
end
$fn$;`;
}

/**
 * A closed ballot's whole result is stored as JSON text in `result_text` (its canonical JSON, whose hash is
 * `result_hash`; for ballots closed before this migration, the text of their `jsonb`), not parsed into
 * `jsonb`: 28 MiB at 1,000,000 members (docs/performance.md, "Closing from PostgreSQL"). `result` keeps the
 * figures views read — the result without `voters` and `lost`. The immutability guard covers both.
 */
export class Migration20261205101100BallotResultText extends Migration {
  override up(): void {
    this.addSql('alter table ballot add column result_text text null;');
    this.addSql('alter table ballot disable trigger ballot_result_immutable;');
    this.addSql(
      `update ballot set result_text = result::text, result = result - 'voters' - 'lost' where result is not null;`,
    );
    this.addSql('alter table ballot enable trigger ballot_result_immutable;');
    this.addSql(guard(true));
  }

  override down(): void {
    this.addSql('alter table ballot disable trigger ballot_result_immutable;');
    this.addSql('update ballot set result = result_text::jsonb where result_text is not null;');
    this.addSql('alter table ballot enable trigger ballot_result_immutable;');
    this.addSql(guard(false));
    this.addSql('alter table ballot drop column result_text;');
  }
}
