/** Variables through which jest's global setup tells each worker where the test databases live. */
export const TEST_ENV = {
  serverUrl: 'LIQUIDE_TEST_SERVER_URL',
  template: 'LIQUIDE_TEST_TEMPLATE',
} as const;

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
