/** Variables through which jest's global setup tells each worker where the test databases live. */
export const TEST_ENV = {
  serverUrl: 'LIQUIDE_TEST_SERVER_URL',
  template: 'LIQUIDE_TEST_TEMPLATE',
  /** Names this `npm test` run: its template and every database its files copy carry it. */
  run: 'LIQUIDE_TEST_RUN',
} as const;

/** Prefix of the databases that the test files of `run` copy from its template. */
export function testDatabasePrefix(run: string): string {
  return `liquide_t_${run}_`;
}

/**
 * Rate limits high enough that no suite meets them (the one proving the limits sets its own);
 * startTestApp applies them, and global setup puts them in the environment of spawned servers.
 */
export const TEST_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_AUTH: '1000000',
  RATE_LIMIT_WRITES: '1000000',
};

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
