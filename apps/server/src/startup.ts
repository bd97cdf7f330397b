import {
  ConfigError,
  DatabaseUnreachableError,
  createLogger,
  loadConfig,
  type LiquideConfig,
} from '@liquide/engine';
import type { ConsoleLogger } from '@nestjs/common';
import { createServer } from 'node:net';
import { EmbeddedStartError } from './database/embedded-postgres';
import { StartFault } from './start-fault';

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

/**
 * Ends the process (exit code 1) on a start-up failure with one line saying what is wrong and what
 * to do. Known faults have their own line; anything else is named by its first line, with the
 * stack trace only at LOG_LEVEL=debug or verbose.
 */
export function failStart(logger: ConsoleLogger, error: unknown): never {
  logger.error(startFaultLine(error), 'Startup');
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack && logger.isLevelEnabled('debug')) {
    logger.debug(stack, 'Startup');
  }
  process.exit(1);
}

/** The one line printed for a start-up failure. */
export function startFaultLine(error: unknown): string {
  if (error instanceof DatabaseUnreachableError) {
    return `${error.message}. Check DATABASE_URL, or unset it to use the embedded PostgreSQL.`;
  }
  if (error instanceof EmbeddedStartError || error instanceof StartFault) {
    return error.message;
  }
  const err = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (err?.code === 'EADDRINUSE') {
    return `Port ${err.port ?? '?'} is already in use on ${err.address ?? 'this host'}: stop what listens there, or set PORT to another port.`;
  }
  if (err?.code === 'EACCES' && err.syscall === 'listen') {
    return `Port ${err.port ?? '?'} needs privileges this user does not have: set PORT to 1024 or above.`;
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
  return `Liquide cannot start: ${text.split('\n', 1)[0]} (LOG_LEVEL=debug shows the details).`;
}

/**
 * Fails (with the listen error, which `failStart` turns into one line) when the port cannot be had,
 * before the application is built: Nest would otherwise log the raw error itself as a second line.
 */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
