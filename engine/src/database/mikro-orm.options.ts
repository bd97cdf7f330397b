import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Logger } from '@nestjs/common';
import type { Client } from 'pg';
import { redactSecrets } from '../security/redact';
import type { DatabaseTimeouts } from '../config/liquide-config';

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
  /** Bounds on every database wait; without them, the driver's (unbounded) defaults apply. */
  readonly timeouts?: DatabaseTimeouts;
  /** Told of every connection the pool opens (the database watchdog cuts them when it goes silent). */
  readonly onConnection?: (connection: Client) => void;
}

/** The pg connection settings and pool bounds that keep every wait for PostgreSQL finite. */
function boundedWaits(timeouts: DatabaseTimeouts): { connection: object; pool: object } {
  return {
    connection: {
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: timeouts.keepAliveMs,
    },
    pool: {
      acquireTimeoutMillis: timeouts.acquireMs,
      createTimeoutMillis: timeouts.connectMs + 500,
    },
  };
}

const knexLogger = new Logger('Database');

/** knex's own messages ("Connection Error: <the failed SQL with its values>"), redacted and bounded. */
const knexLog = {
  warn: (message: unknown) => knexLogger.warn(redactSecrets(String(message).slice(0, 500))),
  error: (message: unknown) => knexLogger.error(redactSecrets(String(message).slice(0, 500))),
  deprecate: () => undefined,
  debug: () => undefined,
};

/** MikroORM options shared by the server, the migrate step and the tests. */
export function ormOptions(input: OrmOptionsInput): Options {
  const migrations = [...input.migrations].sort((a, b) => a.name.localeCompare(b.name));
  const bounded = input.timeouts ? boundedWaits(input.timeouts) : undefined;
  const onConnection = input.onConnection;
  return defineConfig({
    clientUrl: input.url,
    entities: [...input.entities],
    extensions: [Migrator],
    debug: input.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: {
      min: 0,
      max: input.poolMax ?? 20,
      ...bounded?.pool,
      ...(onConnection && {
        afterCreate: (connection: Client, done: (error: Error | null, connection: Client) => void) => {
          onConnection(connection);
          done(null, connection);
        },
      }),
    },
    driverOptions: { log: knexLog, ...(bounded && { connection: bounded.connection }) },
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
