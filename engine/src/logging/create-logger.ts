import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LiquideConfig } from '../config/liquide-config';

const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's logger, as JSON lines in production (LOG_FORMAT=json) or readable text. */
export function createLogger(config: LiquideConfig): ConsoleLogger {
  const upTo = ORDER.indexOf(config.log.level);
  return new ConsoleLogger('Liquide', {
    json: config.log.format === 'json',
    colors: config.log.format === 'text' && process.stdout.isTTY,
    logLevels: ORDER.slice(0, upTo + 1),
  });
}
