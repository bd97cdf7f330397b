import { Migration } from '@mikro-orm/migrations';

/** The agenda: areas, issues, initiatives, supporters, suggestions and their ratings. */
export class Migration20261202202000Agenda extends Migration {
  override up(): void {
    this.addSql(`create table "agenda_area" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "name" text not null,
      "topic_id" uuid null references "topic" ("id") on delete set null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create index "agenda_area_collective_idx" on "agenda_area" ("collective_id");');
    this.addSql(`create table "agenda_issue" (
      "id" uuid primary key,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "area_id" uuid not null references "agenda_area" ("id") on delete cascade,
      "bill_id" uuid not null references "bill" ("id") on delete cascade,
      "title" text not null,
      "phase" text not null default 'admission' check ("phase" in
        ('admission', 'discussion', 'verification', 'voting', 'closed', 'cancelled')),
      "policy" jsonb not null,
      "phase_ends_at" timestamptz null,
      "timeline" jsonb not null default '[]',
      "ballot_id" uuid null references "ballot" ("id") on delete set null,
      "winner" text null,
      "cancel_reason" text null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create index "agenda_issue_area_idx" on "agenda_issue" ("area_id", "created_at");');
    this.addSql(
      `create index "agenda_issue_due_idx" on "agenda_issue" ("phase_ends_at") where "phase_ends_at" is not null;`,
    );
    this.addSql(`create table "agenda_initiative" (
      "id" uuid primary key,
      "issue_id" uuid not null references "agenda_issue" ("id") on delete cascade,
      "author_id" uuid not null references "member" ("id") on delete cascade,
      "title" text not null,
      "text" text not null,
      "revision" integer not null default 1,
      "status" text not null default 'candidate' check ("status" in ('candidate', 'admitted', 'dropped')),
      "support" double precision not null default 0,
      "supporters" integer not null default 0,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql('create index "agenda_initiative_issue_idx" on "agenda_initiative" ("issue_id");');
    this.addSql(`create table "agenda_support" (
      "initiative_id" uuid not null references "agenda_initiative" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "created_at" timestamptz not null default now(),
      primary key ("initiative_id", "member_id")
    );`);
    this.addSql(`create table "agenda_suggestion" (
      "id" uuid primary key,
      "initiative_id" uuid not null references "agenda_initiative" ("id") on delete cascade,
      "author_id" uuid not null references "member" ("id") on delete cascade,
      "text" text not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create index "agenda_suggestion_initiative_idx" on "agenda_suggestion" ("initiative_id");');
    this.addSql(`create table "agenda_suggestion_rating" (
      "suggestion_id" uuid not null references "agenda_suggestion" ("id") on delete cascade,
      "member_id" uuid not null references "member" ("id") on delete cascade,
      "degree" integer not null check ("degree" between -2 and 2),
      "fulfilled" boolean not null,
      primary key ("suggestion_id", "member_id")
    );`);
  }

  override down(): void {
    for (const table of [
      'agenda_suggestion_rating',
      'agenda_suggestion',
      'agenda_support',
      'agenda_initiative',
      'agenda_issue',
      'agenda_area',
    ]) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
