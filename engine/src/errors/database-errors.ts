import { CommonErrorCode } from './common-errors';
import { LiquideError } from './liquide-error';

/** Seconds a client is told to wait (`Retry-After`) before trying again when the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Socket-level failures: the server is gone, refuses, or the network between us failed. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say "not now" rather than "wrong request": connection exceptions (class 08),
 * administrator or crash shutdown, a server still starting, too many connections, a statement
 * cancelled by `statement_timeout` and a session ended by `idle_in_transaction_session_timeout`.
 */
function isUnavailableSqlState(state: string): boolean {
  return (
    state.startsWith('08') || ['57P01', '57P02', '57P03', '57P05', '53300', '57014', '25P03'].includes(state)
  );
}

/** Messages of the pg driver and the knex pool when a connection is lost, late or not to be had. */
const DRIVER_MESSAGES = [
  /^Connection terminated/i,
  /Query read timeout/i,
  /is not queryable/i,
  /^timeout expired/i,
  /Timeout acquiring a connection/i,
  /^Connection ended unexpectedly/i,
];

/** A new error raised when a database call is refused because the database is known to be away. */
export function databaseUnavailable(): LiquideError {
  return new LiquideError(CommonErrorCode.DatabaseUnavailable);
}

/**
 * True when an error means the database could not be reached or did not answer in time, as opposed
 * to a refusal of the request itself. Looks through the causes MikroORM and knex wrap errors in.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return false;
  }
  if (error instanceof LiquideError) {
    return error.code === (CommonErrorCode.DatabaseUnavailable as string);
  }
  const candidate = error as {
    code?: unknown;
    sqlState?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    previous?: unknown;
  };
  if (candidate.code === CommonErrorCode.DatabaseUnavailable) {
    return true; // the watchdog's refusal, wrapped by MikroORM in a DriverException
  }
  for (const state of [candidate.code, candidate.sqlState]) {
    if (typeof state === 'string' && (NETWORK_CODES.has(state) || isUnavailableSqlState(state))) {
      return true;
    }
  }
  if (candidate.name === 'KnexTimeoutError') {
    return true;
  }
  if (typeof candidate.message === 'string') {
    const message = candidate.message.slice(0, 300);
    if (DRIVER_MESSAGES.some((pattern) => pattern.test(message))) {
      return true;
    }
  }
  return (
    isDatabaseUnavailable(candidate.cause, depth + 1) || isDatabaseUnavailable(candidate.previous, depth + 1)
  );
}
