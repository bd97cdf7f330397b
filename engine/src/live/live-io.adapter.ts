import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { closeRedis, type ClosableRedis } from '../common/redis-close';
import type { LiquideConfig } from '../config/liquide-config';

/**
 * socket.io as Liquide runs it: messages from clients capped at `LIVE_MAX_MESSAGE_BYTES` (larger
 * ones close the connection before they are decoded) and, once {@link connect}ed to REDIS_URL,
 * the Redis adapter, so that rooms span every instance sharing it.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly logger = new Logger(LiveIoAdapter.name);
  private clients: ClosableRedis[] = [];
  private adapter: ReturnType<typeof createAdapter> | undefined;

  constructor(
    app: INestApplicationContext,
    private readonly config: LiquideConfig,
  ) {
    super(app);
  }

  async connect(url: string): Promise<void> {
    const publisher = createClient({ url });
    const subscriber = publisher.duplicate();
    this.clients = [publisher, subscriber];
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: unknown) => this.logger.error(`Redis (socket.io rooms): ${String(error)}`));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    this.adapter = createAdapter(publisher, subscriber);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const limited: Partial<ServerOptions> = {
      ...options,
      maxHttpBufferSize: this.config.live.limits.maxMessageBytes,
    };
    const server = super.createIOServer(port, limited) as Server;
    if (this.adapter) {
      server.adapter(this.adapter);
    }
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    // the HTTP server may wait for idle keep-alive connections: Redis is not kept waiting meanwhile
    const clients = this.clients;
    this.clients = [];
    await Promise.all([super.close(server), ...clients.map((client) => closeRedis(client))]);
  }
}
