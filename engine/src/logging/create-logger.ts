import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LiquideConfig } from '../config/liquide-config';
import { redactSecrets, redactValue } from '../security/redact';

const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's console logger with every message and stack passed through {@link redactSecrets}. */
export class RedactingLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(
      messages.map(redactValue),
      context,
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? redactSecrets(errorStack) : errorStack,
    );
  }

  protected override printStackTrace(stack: string): void {
    // Nest calls this with undefined when the error had no stack
    super.printStackTrace(typeof stack === 'string' ? redactSecrets(stack) : stack);
  }
}

/** Nest's logger, as JSON lines in production (LOG_FORMAT=json) or readable text; secrets redacted. */
export function createLogger(config: LiquideConfig): ConsoleLogger {
  const upTo = ORDER.indexOf(config.log.level);
  return new RedactingLogger('Liquide', {
    json: config.log.format === 'json',
    colors: config.log.format === 'text' && process.stdout.isTTY,
    logLevels: ORDER.slice(0, upTo + 1),
  });
}
