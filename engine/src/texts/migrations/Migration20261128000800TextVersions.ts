import { Migration } from '@mikro-orm/migrations';

/** Versions of bills' texts; every existing bill gets its version 1 from its current articles. */
export class Migration20261128000800TextVersions extends Migration {
  override up(): void {
    this.addSql(`create table "bill_version" (
      "id" uuid primary key,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "number" integer not null check ("number" >= 1),
      "sections" jsonb not null default '[]',
      "articles" jsonb not null,
      "author_id" uuid null references "member" ("id") on delete set null,
      "reason_kind" text not null check ("reason_kind" in ('initial', 'amendment', 'synthesis', 'edit')),
      "reason_ref" text null,
      "created_at" timestamptz not null default now(),
      unique ("bill_id", "number")
    );`);
    this
      .addSql(`insert into "bill_version" ("id", "bill_id", "collective_id", "number", "articles", "reason_kind", "created_at")
      select gen_random_uuid(), b."id", b."collective_id", 1,
             coalesce((select jsonb_agg(a || '{"sectionId": null}'::jsonb order by ord)
                         from jsonb_array_elements(b."articles") with ordinality as t(a, ord)), '[]'::jsonb),
             'initial', b."created_at"
        from "bill" b;`);
  }

  override down(): void {
    this.addSql('drop table if exists "bill_version";');
  }
}
