import { isAbsolute, resolve } from 'node:path';
import { EnvSchema, type Env } from './env.schema';

/** Typed, nested configuration built once from the environment. */
export interface LiquideConfig {
  readonly env: Env['NODE_ENV'];
  /** `workers`: server processes sharing the port (Node's cluster); more than one needs Redis. */
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly workers: number;
    /** How long an idle keep-alive connection is kept (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
    readonly keepAliveTimeoutMs: number;
    /** HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_MAX_CONNECTIONS_PER_ADDRESS (docs/security.md). */
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly maxConnectionsPerAddress: number;
  };
  readonly database: {
    readonly url: string | undefined;
    readonly dataDir: string;
    readonly poolMax: number;
    /** How long each database wait may last, in milliseconds (see docs/operations.md). */
    readonly timeouts: DatabaseTimeouts;
  };
  readonly redis: { readonly url: string | undefined };
  /**
   * Live tallies: at most `maxPushesPerSecond` pushes per second per ballot (the last state always
   * goes out), and the limits each socket and each address is held to (see {@link LiveLimits}).
   */
  readonly live: {
    readonly maxPushesPerSecond: number;
    /** How often live tallies are compared with PostgreSQL (LIVE_RECONCILE_INTERVAL_MS). */
    readonly reconcileIntervalMs: number;
    readonly limits: LiveLimits;
  };
  readonly log: { readonly format: Env['LOG_FORMAT']; readonly level: Env['LOG_LEVEL'] };
  readonly jwt: {
    readonly issuer: string;
    readonly audience: string;
    readonly accessTtlSeconds: number;
    readonly refreshTtlSeconds: number;
    readonly privateKeyFile: string | undefined;
  };
  readonly security: {
    /** Other origins allowed to call the API from a browser; empty: same origin only. */
    readonly corsOrigins: readonly string[];
    /** Per window: sign-ins, registrations and refreshes per IP address; writes per account. */
    readonly rateLimit: {
      readonly windowSeconds: number;
      readonly auth: number;
      readonly writes: number;
      /** With REDIS_URL: the wait for Redis before counting in this instance's memory instead. */
      readonly redisTimeoutMs: number;
      /** Prefix of the counters' Redis keys (several deployments may share one Redis). */
      readonly redisPrefix: string;
    };
  };
  /** Address of the web client, used in the links mails carry (PUBLIC_URL; default http://localhost:PORT). */
  readonly publicUrl: string;
  readonly mail: {
    /** SMTP server (SMTP_URL, may hold credentials: never log it); unset: mail stays in the local outbox. */
    readonly smtpUrl: string | undefined;
    /** The From header of every message. */
    readonly from: string;
    /** Messages sent at once (SMTP connections) per server process. */
    readonly concurrency: number;
    /** Attempts before a message is marked failed (back-off doubles between attempts). */
    readonly maxAttempts: number;
  };
  /**
   * Draws as durable jobs (docs/sortition.md): a running job's lease (renewed every third of it; a job whose
   * lease ran out is restarted by any instance), and how many draws one process computes at once.
   */
  readonly sortition: { readonly jobLeaseMs: number; readonly workers: number };
  /** Notices: the UTC hour from which each day's digest goes out. */
  readonly notices: { readonly digestHour: number };
  readonly oidc:
    | {
        readonly issuer: string;
        readonly audience: string;
        readonly jwksUrl: string;
        readonly emailClaim: string;
        /**
         * The provider's keys are fetched again when older than this (seconds): a key withdrawn from
         * its JWKS stops being accepted at most this long after.
         */
        readonly jwksMaxAgeSeconds: number;
        /** An unknown `kid` fetches the keys again, at most once per this many seconds. */
        readonly jwksCooldownSeconds: number;
        /**
         * Identity-provider mode (a FranceConnect-like service): in `bindCollectives` (ids or slugs),
         * a member whose attribute named `bindClaim` equals that claim of the token binds to the
         * account, whatever the e-mail. Unset: memberships bind only by a verified address.
         */
        readonly bind: { readonly claim: string; readonly collectives: readonly string[] } | undefined;
      }
    | undefined;
}

/** Bounds on every wait for PostgreSQL, in milliseconds. */
export interface DatabaseTimeouts {
  readonly connectMs: number;
  readonly acquireMs: number;
  readonly statementMs: number;
  readonly queryMs: number;
  readonly idleInTransactionMs: number;
  readonly keepAliveMs: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
}

/** What one socket.io client, and all the clients of one address, may do (docs/live.md). */
export interface LiveLimits {
  /** Events a socket may send per second (token bucket holding twice as many for bursts). */
  readonly eventsPerSecond: number;
  /** Events all sockets of one address may send per second together (bucket: twice as many). */
  readonly addressEventsPerSecond: number;
  /** Refused events (over a limit, malformed) a socket may send before it is disconnected. */
  readonly maxRefusals: number;
  /**
   * Seconds a client disconnected for abuse (its account, else its address for anonymous sockets) is
   * refused new connections; doubled at each repeat within ten minutes, at most 64 times as long.
   */
  readonly abuseCooldownSeconds: number;
  /** Ballots one socket may watch at once (two rooms each). */
  readonly maxWatchesPerSocket: number;
  /** Open connections from one address. */
  readonly maxConnectionsPerAddress: number;
  /** Largest message a client may send, in bytes (socket.io's `maxHttpBufferSize`). */
  readonly maxMessageBytes: number;
  /** Bytes waiting to be sent to a socket before it is disconnected as a slow consumer. */
  readonly maxBufferedBytes: number;
}

/** Raised when the environment breaks a rule; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. The only place in Liquide that reads environment variables:
 * callers pass `process.env` (or a test's own object).
 */
export function loadConfig(source: Record<string, string | undefined>, cwd = process.cwd()): LiquideConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = source[name];
      const shown = value === undefined ? '(unset)' : JSON.stringify(value);
      return `${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  if (env.LIQUIDE_WORKERS > 1 && !env.REDIS_URL) {
    throw new ConfigError([
      `LIQUIDE_WORKERS=${env.LIQUIDE_WORKERS}: more than one worker needs REDIS_URL (workers share live rooms through Redis)`,
    ]);
  }
  if (env.DATABASE_QUERY_TIMEOUT_MS <= env.DATABASE_STATEMENT_TIMEOUT_MS) {
    throw new ConfigError([
      `DATABASE_QUERY_TIMEOUT_MS=${env.DATABASE_QUERY_TIMEOUT_MS}: must be greater than DATABASE_STATEMENT_TIMEOUT_MS (${env.DATABASE_STATEMENT_TIMEOUT_MS}), so that the server cancels a slow statement before the client gives up on it`,
    ]);
  }
  if (Boolean(env.OIDC_BIND_CLAIM) !== env.OIDC_BIND_COLLECTIVES.length > 0) {
    throw new ConfigError([
      'OIDC_BIND_CLAIM, OIDC_BIND_COLLECTIVES: must be set together (the claim, and the collectives that trust it)',
    ]);
  }
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_AUDIENCE, env.OIDC_JWKS_URL];
  const oidcSet = oidcParts.filter((part) => part !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3) {
    throw new ConfigError([
      'OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL: must be set together to accept an OpenID Connect provider',
    ]);
  }
  return {
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      workers: env.LIQUIDE_WORKERS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      maxConnectionsPerAddress: env.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
    },
    database: {
      url: env.DATABASE_URL,
      dataDir: isAbsolute(env.LIQUIDE_DATA_DIR) ? env.LIQUIDE_DATA_DIR : resolve(cwd, env.LIQUIDE_DATA_DIR),
      poolMax: env.DATABASE_POOL_MAX,
      timeouts: {
        connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
        acquireMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
        statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
        queryMs: env.DATABASE_QUERY_TIMEOUT_MS,
        idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        keepAliveMs: env.DATABASE_KEEPALIVE_MS,
        pingIntervalMs: env.DATABASE_PING_INTERVAL_MS,
        pingTimeoutMs: env.DATABASE_PING_TIMEOUT_MS,
      },
    },
    redis: { url: env.REDIS_URL },
    live: {
      maxPushesPerSecond: env.LIVE_MAX_PUSHES_PER_SECOND,
      reconcileIntervalMs: env.LIVE_RECONCILE_INTERVAL_MS,
      limits: {
        eventsPerSecond: env.LIVE_EVENTS_PER_SECOND,
        addressEventsPerSecond: env.LIVE_ADDRESS_EVENTS_PER_SECOND,
        maxRefusals: env.LIVE_MAX_REFUSALS,
        abuseCooldownSeconds: env.LIVE_ABUSE_COOLDOWN_SECONDS,
        maxWatchesPerSocket: env.LIVE_MAX_WATCHES_PER_SOCKET,
        maxConnectionsPerAddress: env.LIVE_MAX_CONNECTIONS_PER_ADDRESS,
        maxMessageBytes: env.LIVE_MAX_MESSAGE_BYTES,
        maxBufferedBytes: env.LIVE_MAX_BUFFERED_BYTES,
      },
    },
    log: { format: env.LOG_FORMAT, level: env.LOG_LEVEL },
    jwt: {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.JWT_ACCESS_TTL,
      refreshTtlSeconds: env.JWT_REFRESH_TTL,
      privateKeyFile: env.JWT_PRIVATE_KEY_FILE,
    },
    security: {
      corsOrigins: env.CORS_ORIGINS,
      rateLimit: {
        windowSeconds: env.RATE_LIMIT_WINDOW,
        auth: env.RATE_LIMIT_AUTH,
        writes: env.RATE_LIMIT_WRITES,
        redisTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS,
        redisPrefix: env.RATE_LIMIT_REDIS_PREFIX,
      },
    },
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `Liquide <no-reply@${new URL(env.PUBLIC_URL ?? 'http://localhost').hostname}>`,
      concurrency: env.MAIL_CONCURRENCY,
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
    },
    sortition: { jobLeaseMs: env.SORTITION_JOB_LEASE_MS, workers: env.SORTITION_JOB_WORKERS },
    notices: { digestHour: env.NOTICE_DIGEST_HOUR },
    oidc:
      env.OIDC_ISSUER && env.OIDC_AUDIENCE && env.OIDC_JWKS_URL
        ? {
            issuer: env.OIDC_ISSUER,
            audience: env.OIDC_AUDIENCE,
            jwksUrl: env.OIDC_JWKS_URL,
            emailClaim: env.OIDC_EMAIL_CLAIM,
            jwksMaxAgeSeconds: env.OIDC_JWKS_MAX_AGE,
            jwksCooldownSeconds: env.OIDC_JWKS_COOLDOWN,
            bind:
              env.OIDC_BIND_CLAIM && env.OIDC_BIND_COLLECTIVES.length > 0
                ? { claim: env.OIDC_BIND_CLAIM, collectives: env.OIDC_BIND_COLLECTIVES }
                : undefined,
          }
        : undefined,
  };
}
