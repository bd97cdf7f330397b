import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

/** A migration with the name it is recorded under; names sort in the order they must run. */
export interface NamedMigration {
  readonly name: string;
  readonly class: Constructor<Migration>;
}

export interface OrmOptionsInput {
  readonly url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: readonly Function[];
  readonly migrations: readonly NamedMigration[];
  readonly debug?: boolean;
  /** Most connections the pool opens (DATABASE_POOL_MAX). */
  readonly poolMax?: number;
}

/** MikroORM options shared by the server, the migrate step and the tests. */
export function ormOptions(input: OrmOptionsInput): Options {
  const migrations = [...input.migrations].sort((a, b) => a.name.localeCompare(b.name));
  return defineConfig({
    clientUrl: input.url,
    entities: [...input.entities],
    extensions: [Migrator],
    debug: input.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: input.poolMax ?? 20 },
    discovery: { warnWhenNoEntities: false },
    migrations: {
      migrationsList: migrations.map((migration) => ({ name: migration.name, class: migration.class })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
      silent: true,
    },
  });
}
