import cluster, { type Worker } from 'node:cluster';
import type { ConsoleLogger } from '@nestjs/common';
import type { LiquideConfig } from '@liquide/engine';
import type { PreparedDatabase } from './database/prepare-database';

/**
 * LIQUIDE_WORKERS > 1: this (primary) process has prepared and migrated the database; it starts
 * the workers, which share the port and reach each other's socket.io rooms through Redis, restarts
 * a worker that dies, and on SIGINT / SIGTERM stops them all, then the embedded database.
 */
export function runPrimary(config: LiquideConfig, database: PreparedDatabase, logger: ConsoleLogger): void {
  let stopping = false;
  const env = { DATABASE_URL: database.url };
  const start = (): Worker => cluster.fork(env);
  for (let i = 0; i < config.http.workers; i += 1) {
    start();
  }
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      logger.warn(`Worker ${worker.process.pid} ended (${signal ?? code}): starting another`, 'Cluster');
      start();
    }
  });
  logger.log(
    `Liquide starts ${config.http.workers} workers on http://localhost:${config.http.port}`,
    'Cluster',
  );
  const stop = async (signal: string): Promise<void> => {
    stopping = true;
    logger.log(`${signal} received: stopping the workers`, 'Cluster');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.kill('SIGTERM');
          }),
      ),
    );
    await database.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop(signal));
  }
}
