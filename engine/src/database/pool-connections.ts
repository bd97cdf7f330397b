import type { Client } from 'pg';

/** The live connections of the ORM's pool, as told by the pool's `afterCreate` hook. */
export class PoolConnections {
  private readonly live = new Set<Client>();

  /** Registers a connection until it ends; pass it as `onConnection` to `ormOptions`. */
  readonly add = (connection: Client): void => {
    this.live.add(connection);
    connection.once('end', () => this.live.delete(connection));
  };

  all(): readonly Client[] {
    return [...this.live];
  }
}

/**
 * Ends a connection at once, without the goodbye message a silent server would never read: its
 * pending query fails with "Connection terminated", and the pool discards it (knex marks it disposed).
 * pg has no public way to do this; its socket is `connection.stream`.
 */
export function cutConnection(client: Client): void {
  const socket = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  socket?.destroy();
}
