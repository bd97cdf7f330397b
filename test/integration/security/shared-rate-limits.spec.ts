import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { startTestApp, type TestApp } from '../../support/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    await client.quit().catch(() => undefined);
  }
}

/** A TCP proxy in front of Redis that can stop passing bytes both ways (a black hole). */
class BlackHoleProxy {
  private passing = true;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(port: number): Promise<BlackHoleProxy> {
    const server = createServer();
    const proxy = new BlackHoleProxy(server);
    server.on('connection', (client) => {
      const upstream = connect(port, '127.0.0.1');
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        proxy.sockets.add(from);
        from.on('data', (chunk) => void (proxy.passing && to.write(chunk)));
        from.on('error', () => to.destroy());
        from.on('close', () => {
          proxy.sockets.delete(from);
          to.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  blackHole(): void {
    this.passing = false;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A failed sign-in from this address; resolves to its status, or throws if it hangs for 10 s. */
async function signIn(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password' }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.text();
  return response.status;
}

describe('Rate limits shared by instances through Redis', () => {
  const apps: TestApp[] = [];
  let proxy: BlackHoleProxy | undefined;

  beforeAll(async () => {
    if (!(await redisAnswers())) {
      throw new Error(`Redis must answer at ${REDIS_URL} for this test (.ci/run starts it)`);
    }
  });

  afterAll(async () => {
    // Redis through the proxy goes away first, so that no client waits on the black hole
    await proxy?.close();
    await Promise.all(apps.map((app) => app.close()));
  });

  async function instance(redisUrl: string, prefix: string): Promise<TestApp> {
    const app = await startTestApp({
      REDIS_URL: redisUrl,
      RATE_LIMIT_AUTH: '4',
      RATE_LIMIT_WINDOW: '60',
      RATE_LIMIT_REDIS_PREFIX: prefix,
    });
    apps.push(app);
    return app;
  }

  it('holds two instances to one limit together', async () => {
    const prefix = `liquide:test:${randomUUID()}:`;
    const [a, b] = await Promise.all([instance(REDIS_URL, prefix), instance(REDIS_URL, prefix)]);
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a, b]) {
      statuses.push(await signIn(app.baseUrl));
    }
    // four attempts per minute from this address in all, whichever instance answers
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('keeps limiting, in memory, when Redis stops answering', async () => {
    proxy = await BlackHoleProxy.start(6379);
    const app = await instance(proxy.url, `liquide:test:${randomUUID()}:`);
    expect(await signIn(app.baseUrl)).toBe(401);
    proxy.blackHole();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(await signIn(app.baseUrl));
    }
    // every attempt answered (none hangs, none fails); the in-memory count takes over the limit. It may hold
    // the first attempt already: on a loaded machine (CI, load 6) Redis once answered it past the limiter's
    // wait, and the attempt was counted in memory too — then the fourth is the one refused
    const refusedFrom = statuses.indexOf(429);
    expect([3, 4]).toContain(refusedFrom);
    expect(statuses).toEqual([...Array(refusedFrom).fill(401), ...Array(6 - refusedFrom).fill(429)]);
  });
});
