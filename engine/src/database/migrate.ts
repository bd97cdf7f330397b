import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormOptions, type OrmOptionsInput } from './mikro-orm.options';

/** Key of the PostgreSQL advisory lock that serialises migrations across instances. */
export const MIGRATION_LOCK_KEY = 7_340_411_201;

export interface MigrationReport {
  readonly applied: readonly string[];
}

/**
 * Applies pending migrations while holding a session-level advisory lock, so that two instances
 * starting together run them once: the second waits, then finds nothing pending.
 */
export async function migrate(input: OrmOptionsInput): Promise<MigrationReport> {
  const lock = new Client({ connectionString: input.url });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const orm = await MikroORM.init(ormOptions(input));
    try {
      const applied = await orm.getMigrator().up();
      return { applied: applied.map((migration) => migration.name) };
    } finally {
      await orm.close(true);
    }
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
