import { Migration } from '@mikro-orm/migrations';

/**
 * A ballot says what it decides: the bill (`bill`) or one of its amendments (`amendment`). Existing
 * amendment ballots are found through the amendments plugin's table when that plugin has run.
 */
export class Migration20261202002100BallotPurpose extends Migration {
  override up(): void {
    this.addSql(`alter table ballot add column purpose text not null default 'bill'
  constraint ballot_purpose_check check (purpose in ('bill', 'amendment'));`);
    this.addSql(`do $$
begin
  if to_regclass('amendment') is not null then
    update ballot set purpose = 'amendment'
      where id in (select ballot_id from amendment where ballot_id is not null);
  end if;
end
$$;`);
  }

  override down(): void {
    this.addSql('alter table ballot drop column if exists purpose;');
  }
}
