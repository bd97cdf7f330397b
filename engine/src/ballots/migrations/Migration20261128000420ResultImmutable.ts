import { Migration } from '@mikro-orm/migrations';

/**
 * A closed ballot's result is written once: the database refuses to change or remove it afterwards,
 * and refuses to reopen a closed ballot, whoever asks.
 */
export class Migration20261128000420ResultImmutable extends Migration {
  override up(): void {
    this.addSql(`create or replace function liquide_ballot_result_immutable() returns trigger
language plpgsql as $fn$
begin
  if old.status = 'closed' and (
       new.status is distinct from old.status
    or new.result is distinct from old.result
    or new.result_hash is distinct from old.result_hash
    or new.closed_at is distinct from old.closed_at) then
    raise exception 'the result of closed ballot % cannot change', old.id using errcode = 'P0001';
  end if;
  return new;
end
$fn$;`);
    this.addSql(`create trigger ballot_result_immutable before update on ballot
for each row execute function liquide_ballot_result_immutable();`);
  }

  override down(): void {
    this.addSql('drop trigger if exists ballot_result_immutable on ballot;');
    this.addSql('drop function if exists liquide_ballot_result_immutable();');
  }
}
