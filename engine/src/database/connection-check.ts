import { Client } from 'pg';

/** Raised when PostgreSQL cannot be reached; the message says where and why, without a stack trace. */
export class DatabaseUnreachableError extends Error {
  constructor(url: string, reason: string) {
    super(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Hides the password of a connection URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Opens and closes one connection, turning any failure into a readable error. */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code ? `${err.code} ${err.message}`.trim() : (err.message ?? String(error));
    throw new DatabaseUnreachableError(url, reason || 'connection failed');
  } finally {
    await client.end().catch(() => undefined);
  }
}
