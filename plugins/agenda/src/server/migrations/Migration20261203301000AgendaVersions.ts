import { Migration } from '@mikro-orm/migrations';

/**
 * Every version of an initiative's text (the record keeps each one's hash; this keeps the texts, so that
 * readers see what changed during discussion). Existing initiatives get their current text as a version.
 */
export class Migration20261203301000AgendaVersions extends Migration {
  override up(): void {
    this.addSql(`create table "agenda_initiative_version" (
      "initiative_id" uuid not null references "agenda_initiative" ("id") on delete cascade,
      "revision" int not null check ("revision" >= 1),
      "title" text not null,
      "text" text not null,
      "created_at" timestamptz not null default now(),
      primary key ("initiative_id", "revision")
    );`);
    this
      .addSql(`insert into "agenda_initiative_version" ("initiative_id", "revision", "title", "text", "created_at")
      select "id", "revision", "title", "text", "updated_at" from "agenda_initiative";`);
  }

  override down(): void {
    this.addSql('drop table if exists "agenda_initiative_version";');
  }
}
