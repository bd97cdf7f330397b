import { Inject, Injectable, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { createClient } from 'redis';
import { closeRedis } from '../common/redis-close';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';

/**
 * One fixed window per key, counted atomically in Redis, with the block that follows a breach:
 * KEYS = hits, block; ARGV = window (ms), limit, block duration (ms).
 * Returns { hits, ms left in the window, blocked (0/1), ms left in the block }.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or ARGV[2]), redis.call('PTTL', KEYS[1]), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local left = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, left, 1, tonumber(ARGV[3]) }
end
return { hits, left, 0, 0 }
`;

/** After Redis failed, the limits are counted in memory for this long before Redis is tried again. */
const LOCAL_AFTER_FAILURE_MS = 5000;

/** How long a start waits for Redis before counting in memory until it answers. */
const STARTUP_WAIT_MS = 2000;

/** What the throttler guard reads back from a storage (`@nestjs/throttler` does not export the type). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limiters' counters: in Redis when REDIS_URL is set, so that every instance counts
 * against one limit, and in this instance's memory otherwise. When Redis fails or does not answer
 * within `RATE_LIMIT_REDIS_TIMEOUT_MS`, the request is counted in memory instead (each instance
 * then holds the limit on its own) and Redis is tried again a few seconds later: a Redis outage
 * never makes a request wait longer than the timeout, nor fail.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly local = new ThrottlerStorageService();
  private client: ReturnType<typeof createClient> | undefined;
  private localUntil = 0;
  private readonly timeoutMs: number;
  private readonly prefix: string;

  constructor(@Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig) {
    this.timeoutMs = config.security.rateLimit.redisTimeoutMs;
    this.prefix = config.security.rateLimit.redisPrefix;
  }

  /** Whether the counters are shared through Redis right now. */
  get shared(): boolean {
    return this.client?.isReady === true && Date.now() >= this.localUntil;
  }

  async onModuleInit(): Promise<void> {
    const url = this.config.redis.url;
    // the throttler module registers this instance under its own token too: hooks run twice
    if (!url || this.client) {
      return;
    }
    this.client = createClient({
      url,
      // a command sent while Redis is away fails at once instead of waiting in a queue
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(1000, this.timeoutMs),
        reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000),
      },
    });
    let reported = false;
    this.client.on('error', (error: unknown) => {
      if (!reported) {
        reported = true;
        this.logger.warn(`Redis for rate limits: ${String(error)}; counting in memory until it answers`);
      }
    });
    this.client.on('ready', () => (reported = false));
    // start counting in Redis from the first request when it answers soon; in memory until then
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.connect().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, STARTUP_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.local.onApplicationShutdown();
    const client = this.client;
    this.client = undefined;
    await closeRedis(client);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const client = this.client;
    if (!client || !this.shared) {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    try {
      return await this.incrementShared(client, key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.localUntil = Date.now() + LOCAL_AFTER_FAILURE_MS;
      this.logger.warn(`Rate limits counted in memory for ${LOCAL_AFTER_FAILURE_MS} ms: ${String(error)}`);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private async incrementShared(
    client: ReturnType<typeof createClient>,
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const reply = (await Promise.race([
        client.eval(INCREMENT, {
          keys: [`${base}:hits`, `${base}:block`],
          arguments: [String(ttl), String(limit), String(Math.max(1, blockDuration))],
        }),
        timeout,
      ])) as [number, number, number, number];
      const [hits, windowLeftMs, blocked, blockLeftMs] = reply.map(Number);
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(windowLeftMs / 1000)),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(0, Math.ceil(blockLeftMs / 1000)),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Provides the {@link SharedThrottlerStorage} to the throttler module's factory. */
@Module({ providers: [SharedThrottlerStorage], exports: [SharedThrottlerStorage] })
export class RateLimitStorageModule {}
