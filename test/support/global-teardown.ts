import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { buildMarker } from './built-server';
import { TEST_ENV, testDatabasePrefix } from './test-env';

/** Drops at most this many databases at a time: their forced checkpoints coincide and are shared. */
const CONCURRENT_DROPS = 8;

async function dropAll(serverUrl: string, names: string[]): Promise<void> {
  const queue = [...names];
  const dropper = async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        await client.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_DROPS, queue.length) }, dropper));
}

/**
 * The end of `npm test`: a throw-away embedded PostgreSQL is stopped with everything in it; on a
 * PostgreSQL of the machine, the run's template and every database copied from it are dropped.
 */
export default async function globalTeardown(): Promise<void> {
  // the next run builds the server again (see buildServer)
  rmSync(buildMarker(), { force: true });
  const stopEmbedded = globalThis.liquideTestStop;
  if (stopEmbedded) {
    await stopEmbedded();
    return;
  }
  const serverUrl = process.env[TEST_ENV.serverUrl];
  const template = process.env[TEST_ENV.template];
  const run = process.env[TEST_ENV.run];
  if (!serverUrl || !template || !run) {
    return;
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const prefix = testDatabasePrefix(run).replace(/_/g, '\\_');
    const copies = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    await dropAll(serverUrl, [...copies.rows.map((row) => row.datname), template]);
  } finally {
    await admin.end();
  }
}
