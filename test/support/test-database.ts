import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '@liquide/engine';
import { APP_ENTITIES, APP_MIGRATIONS } from '@liquide/server/persistence';
import { TEST_ENV, testDatabasePrefix, withDatabase } from './test-env';

export interface TestDatabase {
  /** URL of a freshly migrated database that belongs to this test file alone. */
  readonly url: string;
  /**
   * Closes the database to new connections; jest's global teardown drops it with every other
   * database of the run, at once: each DROP DATABASE forces a checkpoint (seconds on a busy disk),
   * which drops running together share instead of paying one per test file.
   */
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is unset: run the tests through jest's global setup (npm test)`);
  }
  return value;
}

async function admin<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The first caller of the run creates and migrates the template; the others wait on the lock. */
async function ensureTemplate(client: Client, serverUrl: string, template: string): Promise<void> {
  await client.query('select pg_advisory_lock(hashtext($1))', [template]);
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount === 0) {
      await client.query(`create database "${template}"`);
      try {
        await migrate({
          url: withDatabase(serverUrl, template),
          entities: APP_ENTITIES,
          migrations: APP_MIGRATIONS,
        });
      } catch (error) {
        await client.query(`drop database if exists "${template}" with (force)`);
        throw error;
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [template]);
  }
}

/**
 * Copies the migrated template into a new database, so test files never share state
 * (`empty: true` gives a database with no schema at all, to test migrations themselves).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = required(TEST_ENV.serverUrl);
  const template = required(TEST_ENV.template);
  const name = `${testDatabasePrefix(required(TEST_ENV.run))}${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, async (client) => {
    if (!options.empty) {
      await ensureTemplate(client, serverUrl, template);
    }
    await client.query(`create database "${name}" template "${options.empty ? 'template0' : template}"`);
    // Tests kill the application (kill -9, dropped connections), never PostgreSQL itself: a commit that
    // PostgreSQL has acknowledged survives them without waiting for the WAL flush to disk (about 7 ms a
    // commit on this machine's disk, 0.5 ms without), which the suite does thousands of times.
    await client.query(`alter database "${name}" set synchronous_commit = off`);
  });
  return {
    url: withDatabase(serverUrl, name),
    drop: () =>
      admin(serverUrl, async (client) => {
        await client.query(`alter database "${name}" with allow_connections false`);
        await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
      }),
  };
}
