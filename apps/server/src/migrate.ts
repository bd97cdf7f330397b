import 'reflect-metadata';
import { migrate } from '@liquide/engine';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database';
import { APP_ENTITIES, APP_MIGRATIONS } from './persistence';
import { configOrExit, failStart } from './startup';

/** `npm run migrate`: applies pending migrations under the advisory lock, then exits. */
async function main(): Promise<void> {
  const { config, logger } = configOrExit();
  let database: PreparedDatabase | undefined;
  try {
    database = await prepareDatabase(config, logger);
    const report = await migrate({ url: database.url, entities: APP_ENTITIES, migrations: APP_MIGRATIONS });
    logger.log(
      `Applied ${report.applied.length} migration(s) ${report.applied.join(', ')}`.trim(),
      'Migrate',
    );
    await database.stop();
    process.exit(0);
  } catch (error) {
    await database?.stop().catch(() => undefined);
    failStart(logger, error);
  }
}

void main();
