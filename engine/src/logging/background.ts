import type { LoggerService } from '@nestjs/common';

/** A failure as one log text: the stack when there is one (the logger bounds and redacts it). */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  try {
    return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    return String(error);
  }
}

/**
 * Runs work that nobody awaits (an import after its answer, a scheduler round, a live push): a failure
 * is logged as `<what> failed: …` and goes no further, so that one job failing never ends the process.
 * A logger that throws is caught too.
 */
export function runInBackground(logger: LoggerService, what: string, work: () => Promise<unknown>): void {
  // an async function: a synchronous throw of `work` becomes a rejection too
  const started = (async () => work())();
  started.catch((error: unknown) => {
    try {
      logger.error(`${what} failed: ${describeFailure(error)}`);
    } catch {
      process.stderr.write(`${what} failed (the error could not be logged)\n`);
    }
  });
}

/**
 * The process-level safety net (installed by the server's entry point): a promise rejection nobody
 * handled is logged — bounded and redacted like every log line — instead of ending the process with
 * every connection, vote batch and import in flight. Returns the function that removes it.
 */
export function installProcessSafetyNet(logger: LoggerService): () => void {
  const onRejection = (reason: unknown): void => {
    try {
      logger.error(`Unhandled promise rejection (the server goes on): ${describeFailure(reason)}`, 'Process');
    } catch {
      process.stderr.write('Unhandled promise rejection (the error could not be logged)\n');
    }
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
