import 'reflect-metadata';
import cluster from 'node:cluster';
import { installProcessSafetyNet, migrate } from '@liquide/engine';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database';
import { runPrimary } from './cluster';
import { createApp } from './create-app';
import { APP_ENTITIES, APP_MIGRATIONS } from './persistence';
import { assertPortFree, configOrExit, failStart } from './startup';

async function main(): Promise<void> {
  const { config, logger } = configOrExit();
  installProcessSafetyNet(logger);
  let database: PreparedDatabase | undefined;
  // an error thrown outside any promise while starting (a child process that cannot spawn) is a
  // start fault too: one line, not a stack trace
  const onStartCrash = (error: unknown) => failStart(logger, error);
  process.once('uncaughtException', onStartCrash);
  try {
    if (cluster.isPrimary) {
      await assertPortFree(config.http.port, config.http.host); // before starting anything
    }
    database = await prepareDatabase(config, logger);
    const report = await migrate({ url: database.url, entities: APP_ENTITIES, migrations: APP_MIGRATIONS });
    logger.log(
      report.applied.length > 0
        ? `Applied migrations: ${report.applied.join(', ')}`
        : 'Database schema is up to date',
      'Database',
    );
    if (config.http.workers > 1 && cluster.isPrimary) {
      process.off('uncaughtException', onStartCrash);
      runPrimary(config, database, logger);
      return;
    }
    const app = await createApp(config, database.url, logger);
    await app.listen(config.http.port, config.http.host);
    process.off('uncaughtException', onStartCrash);
    logger.log(`Liquide is ready on http://localhost:${config.http.port}`, 'Startup');
    const stop = async (signal: string): Promise<void> => {
      logger.log(`${signal} received: stopping`, 'Startup');
      await app.close();
      await database?.stop();
      process.exit(0);
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stop(signal));
    }
  } catch (error) {
    await database?.stop().catch(() => undefined);
    failStart(logger, error);
  }
}

void main();
