import { Migration } from '@mikro-orm/migrations';

export class Migration20261128000100Collectives extends Migration {
  override up(): void {
    this.addSql(`create table "collective" (
      "id" uuid primary key,
      "name" text not null,
      "slug" text not null unique,
      "settings" jsonb not null,
      "record_secret" text not null,
      "created_at" timestamptz not null default now()
    );`);
  }

  override down(): void {
    this.addSql('drop table if exists "collective";');
  }
}
