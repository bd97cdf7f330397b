import {
  ConfigError,
  DatabaseUnreachableError,
  createLogger,
  loadConfig,
  type LiquideConfig,
} from '@liquide/engine';
import type { ConsoleLogger } from '@nestjs/common';
import { EmbeddedStartError } from './database/embedded-postgres';

/** Reads the configuration or ends the process with a message naming every bad variable. */
export function configOrExit(): { config: LiquideConfig; logger: ConsoleLogger } {
  try {
    const config = loadConfig(process.env);
    return { config, logger: createLogger(config) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Liquide cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Turns a known start-up failure into one clear line instead of a stack trace. */
export function failStart(logger: ConsoleLogger, error: unknown): never {
  if (error instanceof DatabaseUnreachableError) {
    logger.error(
      `${error.message}. Check DATABASE_URL, or unset it to use the embedded PostgreSQL.`,
      'Startup',
    );
  } else if (error instanceof EmbeddedStartError) {
    logger.error(error.message, 'Startup');
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error), 'Startup');
  }
  process.exit(1);
}
