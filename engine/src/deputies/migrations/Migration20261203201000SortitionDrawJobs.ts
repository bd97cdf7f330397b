import { Migration } from '@mikro-orm/migrations';

/**
 * Draws as durable jobs: one row per start. A partial unique index keeps at most one queued or running job
 * per sortition; the lease says until when the instance computing it is trusted to be alive.
 */
export class Migration20261203201000SortitionDrawJobs extends Migration {
  override up(): void {
    this.addSql(`create table "sortition_draw_job" (
      "id" uuid primary key,
      "sortition_id" uuid not null references "sortition" ("id") on delete cascade,
      "collective_id" uuid not null references "collective" ("id") on delete cascade,
      "status" text not null default 'queued'
        check ("status" in ('queued', 'running', 'done', 'failed', 'cancelled')),
      "seed" text not null,
      "public_value" text not null,
      "requested_at" timestamptz not null,
      "requested_by" uuid not null,
      "attempts" integer not null default 0,
      "owner" text null,
      "lease_until" timestamptz null,
      "started_at" timestamptz null,
      "progress" jsonb null,
      "progress_at" timestamptz null,
      "finished_at" timestamptz null,
      "cancelled_by" uuid null,
      "error" jsonb null,
      "proof_hash" text null
    );`);
    this.addSql(`create unique index "sortition_draw_job_one_active" on "sortition_draw_job" ("sortition_id")
      where "status" in ('queued', 'running');`);
    this.addSql(`create index "sortition_draw_job_claimable" on "sortition_draw_job" ("lease_until")
      where "status" in ('queued', 'running');`);
    this.addSql(
      'create index "sortition_draw_job_sortition" on "sortition_draw_job" ("sortition_id", "requested_at");',
    );
  }

  override down(): void {
    this.addSql('drop table if exists "sortition_draw_job";');
  }
}
