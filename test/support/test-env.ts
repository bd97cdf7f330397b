/** Variables through which jest's global setup tells each worker where the test databases live. */
export const TEST_ENV = {
  serverUrl: 'LIQUIDE_TEST_SERVER_URL',
  template: 'LIQUIDE_TEST_TEMPLATE',
} as const;

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
