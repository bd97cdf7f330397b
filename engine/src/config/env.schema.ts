import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()
  .refine((value) => value === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

const redisUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()
  .refine((value) => value === undefined || /^rediss?:\/\/[^\s]+$/.test(value), {
    message: 'must be a redis:// or rediss:// URL',
  });

const port = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number from 1 to 65535')
  .transform(Number)
  .refine((value) => value >= 1 && value <= 65535, 'must be a whole number from 1 to 65535');

const seconds = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .refine((value) => value > 0, 'must be greater than 0')
    .default(fallback);

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number greater than 0')
    .transform(Number)
    .refine((value) => value > 0, 'must be a whole number greater than 0')
    .default(fallback);

const millis = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number of milliseconds from ${min} to ${max}`)
    .transform(Number)
    .refine(
      (value) => value >= min && value <= max,
      `must be a whole number of milliseconds from ${min} to ${max}`,
    )
    .default(fallback);

const origins = z
  .string()
  .trim()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter((origin) => origin !== ''),
  )
  .refine((list) => list.every((origin) => /^https?:\/\/[^\s/]+$/.test(origin)), {
    message: 'must be a comma-separated list of origins such as https://vote.example.org',
  });

const smtpUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()
  .refine((value) => value === undefined || /^smtps?:\/\/[^\s]+$/.test(value), {
    message: 'must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.example.org:587',
  });

const publicUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value.replace(/\/+$/, '')))
  .optional()
  .refine((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), {
    message: 'must be the http(s) address of the web client, such as https://vote.example.org',
  });

/** The environment variables Liquide reads, and their rules. Parsed once, at start. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  LIQUIDE_WORKERS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number from 1 to 64')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 64, 'must be a whole number from 1 to 64')
    .default(1),
  HOST: z.string().trim().min(1, 'must not be empty').default('0.0.0.0'),
  /**
   * An idle HTTP connection is kept this long for the client's next request: above the 60 s of common
   * proxies' upstream keep-alive, and long enough that a client never has to queue for a new
   * connection, which a loaded server accepts only one per event-loop turn.
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(65_000, 1000, 600_000),
  /** A request's head (request line and headers) must arrive within this time, or 408 and closed. */
  HTTP_HEADERS_TIMEOUT_MS: millis(20_000, 1000, 600_000),
  /** A whole request, body included, must arrive within this time (a 20 MB import at 1.4 Mbit/s: 120 s). */
  HTTP_REQUEST_TIMEOUT_MS: millis(120_000, 1000, 3_600_000),
  /** Open HTTP connections (socket.io's included) per peer address; loopback proxies are not counted. */
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: count(512),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_MAX: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number from 1 to 500')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 500, 'must be a whole number from 1 to 500')
    .default(40),
  /** Opening a connection (pg `connectionTimeoutMillis`, pool create). */
  DATABASE_CONNECT_TIMEOUT_MS: millis(5000, 100, 60_000),
  /** Waiting for a free pooled connection (pool `acquireTimeoutMillis`). */
  DATABASE_ACQUIRE_TIMEOUT_MS: millis(10_000, 100, 600_000),
  /** One statement, cancelled by the server past it (`statement_timeout`). */
  DATABASE_STATEMENT_TIMEOUT_MS: millis(60_000, 100, 3_600_000),
  /** One query as seen by the client, a backstop above the statement timeout (pg `query_timeout`). */
  DATABASE_QUERY_TIMEOUT_MS: millis(65_000, 100, 3_600_000),
  /** A transaction left open and idle is ended by the server (`idle_in_transaction_session_timeout`). */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(60_000, 100, 3_600_000),
  /** TCP keepalive: first probe after this much silence on a connection. */
  DATABASE_KEEPALIVE_MS: millis(10_000, 1000, 600_000),
  /** The watchdog's `select 1` on its own connection: how often, and how long before it says "timeout". */
  DATABASE_PING_INTERVAL_MS: millis(250, 50, 60_000),
  DATABASE_PING_TIMEOUT_MS: millis(500, 50, 900),
  LIQUIDE_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.liquide'),
  REDIS_URL: redisUrl,
  LIVE_MAX_PUSHES_PER_SECOND: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number from 1 to 100')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 100, 'must be a whole number from 1 to 100')
    .default(10),
  /** How often each instance compares its live tallies with PostgreSQL (docs/scaling.md). */
  LIVE_RECONCILE_INTERVAL_MS: millis(5000, 100, 3_600_000),
  LIVE_EVENTS_PER_SECOND: count(10),
  LIVE_ADDRESS_EVENTS_PER_SECOND: count(200),
  LIVE_MAX_REFUSALS: count(20),
  LIVE_ABUSE_COOLDOWN_SECONDS: count(5),
  LIVE_MAX_WATCHES_PER_SOCKET: count(32),
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: count(256),
  LIVE_MAX_MESSAGE_BYTES: count(16 * 1024),
  LIVE_MAX_BUFFERED_BYTES: count(1024 * 1024),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  JWT_ISSUER: z.string().trim().min(1, 'must not be empty').default('liquide'),
  JWT_AUDIENCE: z.string().trim().min(1, 'must not be empty').default('liquide-api'),
  JWT_ACCESS_TTL: seconds(900),
  JWT_REFRESH_TTL: seconds(60 * 60 * 24 * 14),
  JWT_PRIVATE_KEY_FILE: optionalString,
  OIDC_ISSUER: optionalString,
  OIDC_AUDIENCE: optionalString,
  OIDC_JWKS_URL: optionalString.refine((value) => value === undefined || /^https?:\/\/\S+$/.test(value), {
    message: 'must be an http(s) URL',
  }),
  OIDC_EMAIL_CLAIM: z.string().trim().min(1).default('email'),
  OIDC_JWKS_MAX_AGE: seconds(60),
  OIDC_JWKS_COOLDOWN: seconds(30),
  OIDC_BIND_CLAIM: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][\w.:-]{0,99}$/, 'must be the name of a claim, such as sub or pivot_id')
    .optional(),
  OIDC_BIND_COLLECTIVES: z
    .string()
    .trim()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  CORS_ORIGINS: origins,
  RATE_LIMIT_WINDOW: seconds(60),
  RATE_LIMIT_AUTH: count(10),
  RATE_LIMIT_WRITES: count(120),
  PUBLIC_URL: publicUrl,
  SMTP_URL: smtpUrl,
  MAIL_FROM: z
    .string()
    .trim()
    .min(3, 'must be an address such as "Liquide <no-reply@example.org>"')
    .optional(),
  MAIL_CONCURRENCY: count(4),
  MAIL_MAX_ATTEMPTS: count(8),
  SORTITION_JOB_LEASE_MS: count(30_000),
  SORTITION_JOB_WORKERS: count(1),
  NOTICE_DIGEST_HOUR: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole hour from 0 to 23 (UTC)')
    .transform(Number)
    .refine((value) => value >= 0 && value <= 23, 'must be a whole hour from 0 to 23 (UTC)')
    .default(7),
  RATE_LIMIT_REDIS_TIMEOUT_MS: count(250),
  RATE_LIMIT_REDIS_PREFIX: z.string().trim().min(1, 'must not be empty').default('liquide:rate:'),
});

export type Env = z.infer<typeof EnvSchema>;
