import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import type { DatabaseTimeouts } from '../config/liquide-config';
import { databaseUnavailable } from '../errors/database-errors';
import { cutConnection, type PoolConnections } from './pool-connections';

/** What the watchdog last saw: the database answers, refuses / drops connections, or stays silent. */
export type DatabaseState = 'up' | 'unreachable' | 'timeout';

export interface DatabaseCheck {
  readonly state: DatabaseState;
  /** How long the check took, in milliseconds. */
  readonly latencyMs: number;
  /** The driver's reason when the state is not `up` (no secrets: codes and messages only). */
  readonly reason?: string;
}

/** The part of knex's client the watchdog puts its gate on. */
export interface GatedPool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/**
 * The database watchdog. Every `pingIntervalMs` it runs `select 1` on a connection of its own, outside
 * the pool, bounded by `pingTimeoutMs`. A late ping while pooled connections still receive bytes is
 * a loaded server, not a silent one; a silence counts when a second ping, sent at once, is late too
 * (a refused or reset connection counts at once). When the database refuses, resets or stays silent:
 *
 * - it cuts every pooled connection, so statements waiting on a silent server fail at once instead
 *   of hanging (a long statement on a healthy server is never cut: its server still answers pings);
 * - its gate on the pool refuses new acquisitions at once with `common.database_unavailable`
 *   (503), and fails the requests already waiting for a connection;
 * - it keeps pinging; the first answer lifts the gate and the pool opens new connections on demand.
 *
 * `/health` asks it too ({@link check}), so a health probe never waits on the pool.
 */
export class DatabaseMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Database');
  private client: Client | undefined;
  private inFlight: Promise<DatabaseCheck> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private last: DatabaseCheck = { state: 'up', latencyMs: 0 };
  /** When {@link last} finished (`performance.now()`); -Infinity before the first check. */
  private lastAt = Number.NEGATIVE_INFINITY;
  /** The gate is shut: database calls are refused at once until a ping succeeds. */
  private tripped = false;
  /** A first late ping, not yet confirmed by a second. */
  private suspect = false;
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(
    private readonly url: string,
    private readonly timeouts: DatabaseTimeouts,
    private readonly connections: PoolConnections,
    private readonly pool: GatedPool,
  ) {}

  /** The state of the last finished check. */
  get state(): DatabaseState {
    return this.last.state;
  }

  onApplicationBootstrap(): void {
    this.installGate();
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * What `/health` says: the watchdog's last check while it is fresh (it runs every `pingIntervalMs`,
   * so a probe never waits on the database it reports on, nor adds a query to a loaded one), else a
   * check now. Fresh means younger than {@link freshForMs}: one interval, one timeout and a second
   * of slack for a busy event loop's late timers. A silence is reported as soon as the watchdog has
   * seen it; a watchdog that stopped checking is not trusted.
   */
  async report(): Promise<DatabaseCheck & { readonly ageMs: number }> {
    const age = performance.now() - this.lastAt;
    if (age <= this.freshForMs) {
      return { ...this.last, ageMs: Math.round(age) };
    }
    return { ...(await this.check()), ageMs: 0 };
  }

  /** How long the last check may answer for the database in {@link report}. */
  get freshForMs(): number {
    return this.timeouts.pingIntervalMs + this.timeouts.pingTimeoutMs + 1000;
  }

  /** A check now, shared with any check already running; answers within `pingTimeoutMs` and a tick. */
  check(): Promise<DatabaseCheck> {
    this.inFlight ??= this.ping().then((result) => {
      this.inFlight = undefined;
      this.record(result);
      return result;
    });
    return this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    // a first late ping is confirmed or cleared at once, not a full interval later
    this.timer = setTimeout(
      () => {
        void this.check().finally(() => this.schedule());
      },
      this.suspect ? 0 : this.timeouts.pingIntervalMs,
    );
    this.timer.unref();
  }

  private record(result: DatabaseCheck): void {
    this.last = result;
    this.lastAt = performance.now();
    if (result.state === 'up') {
      if (this.tripped) {
        this.logger.log(`PostgreSQL answers again (${result.latencyMs} ms)`);
      }
      this.tripped = false;
      this.suspect = false;
      return;
    }
    if (result.state === 'timeout' && !this.suspect && !this.tripped) {
      // /health already says "timeout"; requests go on until a second ping confirms the silence
      this.suspect = true;
      return;
    }
    this.suspect = false;
    if (!this.tripped) {
      const what = result.state === 'timeout' ? 'does not answer' : 'cannot be reached';
      this.logger.warn(`PostgreSQL ${what} (${result.reason ?? 'no reason given'}): answering 503`);
      this.tripped = true;
    }
    // connections opened while it was away may hang too: cut them on every failed check
    for (const connection of this.connections.all()) {
      cutConnection(connection);
    }
    for (const fail of this.waiting) {
      fail(databaseUnavailable());
    }
  }

  /** Connect when needed, then `select 1`, all within one deadline. */
  private async ping(): Promise<DatabaseCheck> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      // on a busy event loop the timer may fire before the answer already received is read:
      // setImmediate lets the poll phase read pending sockets first
      timer = setTimeout(() => setImmediate(() => resolve('timeout')), this.timeouts.pingTimeoutMs);
    });
    const attempt = this.selectOne().then(
      () => 'up' as const,
      (error: unknown) => error as Error,
    );
    try {
      const outcome = await Promise.race([attempt, deadline]);
      if (outcome === 'up') {
        return { state: 'up', latencyMs: elapsed() };
      }
      this.dropClient();
      if (outcome === 'timeout' && this.connections.readWithin(this.timeouts.pingTimeoutMs / 3)) {
        // late, but the server still answers the pool (in the last third of the wait, so that bytes
        // read just before a silence began do not count): a loaded machine, not a silent database
        return { state: 'up', latencyMs: elapsed() };
      }
      if (outcome === 'timeout') {
        return {
          state: 'timeout',
          latencyMs: elapsed(),
          reason: `no answer within ${this.timeouts.pingTimeoutMs} ms`,
        };
      }
      const code = (outcome as { code?: unknown }).code;
      const reason = `${typeof code === 'string' ? `${code} ` : ''}${outcome.message}`.trim();
      // the driver's own connection timeout is a silence too, not a refusal
      const state = /timeout|timed out|ETIMEDOUT/i.test(reason) ? 'timeout' : 'unreachable';
      return { state, latencyMs: elapsed(), reason: reason.slice(0, 200) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async selectOne(): Promise<void> {
    const reused = this.client !== undefined;
    try {
      await this.selectOnce();
    } catch (error) {
      if (!reused) {
        throw error;
      }
      // our own connection may have died alone (its backend killed, an idle link cut by a
      // firewall): one fresh connection decides, within the same deadline
      this.dropClient();
      await this.selectOnce();
    }
  }

  private async selectOnce(): Promise<void> {
    if (!this.client) {
      const client = new Client({
        connectionString: this.url,
        // the ping's own deadline ends the wait first; this one only frees the socket after
        connectionTimeoutMillis: this.timeouts.pingTimeoutMs + 1000,
        keepAlive: true,
        application_name: 'liquide-watchdog',
      });
      client.on('error', () => this.dropClient(client));
      this.client = client;
      await client.connect();
    }
    await this.client.query('select 1');
  }

  private dropClient(client = this.client): void {
    if (client && this.client === client) {
      this.client = undefined;
    }
    if (client) {
      cutConnection(client);
    }
  }

  /**
   * Wraps the pool's `acquireConnection`, the one door of every database call (ORM, raw knex,
   * transactions and the vote batcher): refused at once while the database is away; a wait for a
   * connection ends with a 503 as soon as a check fails.
   */
  private installGate(): void {
    const pool = this.pool;
    const acquire = pool.acquireConnection.bind(pool);
    pool.acquireConnection = () => {
      if (this.tripped) {
        return Promise.reject(databaseUnavailable());
      }
      return new Promise((resolve, reject) => {
        let settled = false;
        const fail = (error: Error) => {
          settled = true;
          this.waiting.delete(fail);
          reject(error);
        };
        this.waiting.add(fail);
        acquire().then(
          (connection) => {
            this.waiting.delete(fail);
            if (settled) {
              void pool.releaseConnection(connection).catch(() => undefined);
              return;
            }
            settled = true;
            resolve(connection);
          },
          // the driver's own error, untouched: its code says what happened (and errors from other
          // realms, such as a test sandbox, are not `instanceof Error`)
          (error: Error) => {
            this.waiting.delete(fail);
            if (!settled) {
              fail(error);
            }
          },
        );
      });
    };
  }
}
