/** The part of a `redis` client that closing it needs. */
export interface ClosableRedis {
  readonly isOpen: boolean;
  close(): Promise<unknown>;
  destroy(): void;
}

/**
 * Closes a Redis client gracefully when Redis answers, and at once when it does not within
 * `waitMs`: a stop (SIGTERM, tests) never waits on a Redis that has gone away or stays silent.
 */
export async function closeRedis(client: ClosableRedis | undefined, waitMs = 1000): Promise<void> {
  if (!client) {
    return;
  }
  if (!client.isOpen) {
    // possibly waiting to reconnect: stop that too
    destroyQuietly(client);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.close().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
  if (client.isOpen) {
    destroyQuietly(client);
  }
}

function destroyQuietly(client: ClosableRedis): void {
  try {
    client.destroy();
  } catch {
    // already closed
  }
}
