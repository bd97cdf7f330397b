import { Migration } from '@mikro-orm/migrations';

/** Per-collective plugin switches and settings. */
export class Migration20261128000600Plugins extends Migration {
  override up(): void {
    this.addSql(`create table "plugin_setting" (
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "plugin_id" text not null,
      "enabled" boolean not null,
      "settings" jsonb not null default '{}',
      "preset" text null,
      "updated_at" timestamptz not null default now(),
      primary key ("collective_id", "plugin_id")
    );`);
  }

  override down(): void {
    this.addSql('drop table if exists "plugin_setting";');
  }
}
