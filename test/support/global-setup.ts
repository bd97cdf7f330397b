import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../engine/src/config/liquide-config';
import { startEmbeddedPostgres } from '../../apps/server/src/database/embedded-postgres';
import { TEST_ENV, TEST_RATE_LIMITS } from './test-env';

declare global {
  var liquideTestStop: (() => Promise<void>) | undefined;
}

/**
 * Once per `npm test`: the PostgreSQL in DATABASE_URL, or a throw-away embedded one, and the name
 * of the template database that the first test file migrates and every test file then copies.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig(process.env);
  let serverUrl = config.database.url;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'liquide-test-'));
    chmodSync(dataDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: false });
    serverUrl = embedded.url;
    globalThis.liquideTestStop = () => embedded.stop();
  }
  for (const [name, value] of Object.entries(TEST_RATE_LIMITS)) {
    process.env[name] ??= value;
  }
  process.env[TEST_ENV.serverUrl] = serverUrl;
  const run = `${process.pid}_${Date.now().toString(36)}`;
  process.env[TEST_ENV.run] = run;
  process.env[TEST_ENV.template] = `liquide_tpl_${run}`;
}
