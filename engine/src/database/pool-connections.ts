import type { Client } from 'pg';

/** The live connections of the ORM's pool, as told by the pool's `afterCreate` hook. */
export class PoolConnections {
  private readonly live = new Set<Client>();
  private lastReadAt = -Infinity;

  /** Registers a connection until it ends; pass it as `onConnection` to `ormOptions`. */
  readonly add = (connection: Client): void => {
    this.live.add(connection);
    connection.once('end', () => this.live.delete(connection));
    socketOf(connection)?.on('data', () => (this.lastReadAt = performance.now()));
  };

  all(): readonly Client[] {
    return [...this.live];
  }

  /**
   * True when some pooled connection received bytes from PostgreSQL in the last `ms` milliseconds:
   * a server that answers the pool is busy, not silent, even when the watchdog's ping is late.
   */
  readWithin(ms: number): boolean {
    return performance.now() - this.lastReadAt <= ms;
  }
}

function socketOf(
  client: Client,
): { destroy(): void; on(event: 'data', listener: () => void): void } | undefined {
  return (client as unknown as { connection?: { stream?: ReturnType<typeof socketOf> } }).connection?.stream;
}

/**
 * Ends a connection at once, without the goodbye message a silent server would never read: its
 * pending query fails with "Connection terminated", and the pool discards it (knex marks it disposed).
 * pg has no public way to do this; its socket is `connection.stream`.
 */
export function cutConnection(client: Client): void {
  socketOf(client)?.destroy();
}
