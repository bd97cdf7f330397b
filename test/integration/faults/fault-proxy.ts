import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * How the proxy treats PostgreSQL's traffic:
 * - `pass`: forwards both ways;
 * - `reset`: resets every connection, open or new (a restarted or crashed server, killed backends);
 * - `refuse`: stops listening, so new connections are refused, and resets the open ones;
 * - `blackhole`: accepts connections and drops every byte both ways, answering nothing (a network
 *   that silently loses packets, a frozen server).
 */
export type FaultMode = 'pass' | 'reset' | 'refuse' | 'blackhole';

interface Pair {
  readonly client: Socket;
  upstream: Socket | undefined;
  /** Bytes were lost on this pair: it can never carry the protocol again. */
  broken: boolean;
}

/** A TCP proxy in front of PostgreSQL that can fail on demand. Listens on 127.0.0.1, a free port. */
export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private mode: FaultMode = 'pass';

  private constructor(
    private server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const holder: { proxy?: FaultProxy } = {};
    const server = createServer((socket) => holder.proxy?.accept(socket));
    const port = await listen(server, 0);
    holder.proxy = new FaultProxy(server, port, target);
    return holder.proxy;
  }

  /** A database URL going through the proxy instead of straight to `url`. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  async setMode(mode: FaultMode): Promise<void> {
    const previous = this.mode;
    this.mode = mode;
    if (mode === 'reset' || mode === 'refuse') {
      this.resetAll();
    }
    if (mode === 'blackhole') {
      this.pairs.forEach((pair) => (pair.broken = true));
    }
    if (mode === 'pass') {
      // what a black hole swallowed is lost: those connections are dead for both ends
      [...this.pairs].filter((pair) => pair.broken).forEach((pair) => this.drop(pair, true));
    }
    if (mode === 'refuse' && previous !== 'refuse') {
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
    if (mode !== 'refuse' && previous === 'refuse') {
      const server = createServer((socket) => this.accept(socket));
      await listen(server, this.port);
      this.server = server;
    }
  }

  async close(): Promise<void> {
    this.resetAll();
    if (this.server.listening) {
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
  }

  private accept(client: Socket): void {
    if (this.mode === 'reset' || this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, upstream: undefined, broken: this.mode === 'blackhole' };
    this.pairs.add(pair);
    client.on('error', () => this.drop(pair, true));
    client.on('close', () => this.drop(pair, false));
    client.on('data', (chunk) => {
      if (!pair.broken && this.mode === 'pass') {
        pair.upstream?.write(chunk);
      }
    });
    if (pair.broken) {
      return; // a black hole: never reaches PostgreSQL
    }
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => this.drop(pair, true));
    upstream.on('close', () => this.drop(pair, false));
    upstream.on('data', (chunk) => {
      if (!pair.broken && this.mode === 'pass') {
        client.write(chunk);
      }
    });
  }

  private resetAll(): void {
    [...this.pairs].forEach((pair) => this.drop(pair, true));
  }

  private drop(pair: Pair, reset: boolean): void {
    if (!this.pairs.delete(pair)) {
      return;
    }
    if (reset && !pair.client.destroyed) {
      pair.client.resetAndDestroy();
    } else {
      pair.client.destroy();
    }
    pair.upstream?.destroy();
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
