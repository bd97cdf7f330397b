import { isAbsolute, resolve } from 'node:path';
import { EnvSchema, type Env } from './env.schema';

/** Typed, nested configuration built once from the environment. */
export interface LiquideConfig {
  readonly env: Env['NODE_ENV'];
  /** `workers`: server processes sharing the port (Node's cluster); more than one needs Redis. */
  readonly http: { readonly port: number; readonly host: string; readonly workers: number };
  readonly database: { readonly url: string | undefined; readonly dataDir: string; readonly poolMax: number };
  readonly redis: { readonly url: string | undefined };
  /**
   * Live tallies: at most `maxPushesPerSecond` pushes per second per ballot (the last state always
   * goes out), and the limits each socket and each address is held to (see {@link LiveLimits}).
   */
  readonly live: { readonly maxPushesPerSecond: number; readonly limits: LiveLimits };
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
  readonly oidc:
    | {
        readonly issuer: string;
        readonly audience: string;
        readonly jwksUrl: string;
        readonly emailClaim: string;
      }
    | undefined;
}

/** What one socket.io client, and all the clients of one address, may do (docs/live.md). */
export interface LiveLimits {
  /** Events a socket may send per second (token bucket holding twice as many for bursts). */
  readonly eventsPerSecond: number;
  /** Events all sockets of one address may send per second together (bucket: twice as many). */
  readonly addressEventsPerSecond: number;
  /** Refused events (over a limit, malformed) a socket may send before it is disconnected. */
  readonly maxRefusals: number;
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
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_AUDIENCE, env.OIDC_JWKS_URL];
  const oidcSet = oidcParts.filter((part) => part !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3) {
    throw new ConfigError([
      'OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL: must be set together to accept an OpenID Connect provider',
    ]);
  }
  return {
    env: env.NODE_ENV,
    http: { port: env.PORT, host: env.HOST, workers: env.LIQUIDE_WORKERS },
    database: {
      url: env.DATABASE_URL,
      dataDir: isAbsolute(env.LIQUIDE_DATA_DIR) ? env.LIQUIDE_DATA_DIR : resolve(cwd, env.LIQUIDE_DATA_DIR),
      poolMax: env.DATABASE_POOL_MAX,
    },
    redis: { url: env.REDIS_URL },
    live: {
      maxPushesPerSecond: env.LIVE_MAX_PUSHES_PER_SECOND,
      limits: {
        eventsPerSecond: env.LIVE_EVENTS_PER_SECOND,
        addressEventsPerSecond: env.LIVE_ADDRESS_EVENTS_PER_SECOND,
        maxRefusals: env.LIVE_MAX_REFUSALS,
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
    oidc:
      env.OIDC_ISSUER && env.OIDC_AUDIENCE && env.OIDC_JWKS_URL
        ? {
            issuer: env.OIDC_ISSUER,
            audience: env.OIDC_AUDIENCE,
            jwksUrl: env.OIDC_JWKS_URL,
            emailClaim: env.OIDC_EMAIL_CLAIM,
          }
        : undefined,
  };
}
