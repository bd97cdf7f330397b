import type { LoggerService } from '@nestjs/common';
import { assertDatabaseReachable, type LiquideConfig } from '@liquide/engine';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface PreparedDatabase {
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The server in DATABASE_URL when set; otherwise a real PostgreSQL started from the
 * embedded-postgres package with its data kept under LIQUIDE_DATA_DIR.
 */
export async function prepareDatabase(
  config: LiquideConfig,
  logger: LoggerService,
): Promise<PreparedDatabase> {
  if (config.database.url) {
    await assertDatabaseReachable(config.database.url);
    return { url: config.database.url, embedded: false, stop: () => Promise.resolve() };
  }
  logger.log(
    `DATABASE_URL is unset: starting the embedded PostgreSQL in ${config.database.dataDir}`,
    'Database',
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: config.database.dataDir,
    database: 'liquide',
    persistent: true,
    onLog: (message) => {
      if (message) {
        logger.debug?.(message, 'EmbeddedPostgres');
      }
    },
  });
  await assertDatabaseReachable(embedded.url);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
