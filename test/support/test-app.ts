import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { loadConfig, type LiquideConfig } from '@liquide/engine';
import { createApp } from '@liquide/server/create-app';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TEST_RATE_LIMITS } from './test-env';

export interface TestApp {
  readonly app: INestApplication;
  readonly db: TestDatabase;
  readonly config: LiquideConfig;
  /** Base URL of the app listening on a free loopback port, e.g. http://127.0.0.1:40123 */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on a database of its own, listening on a free port: tests talk to it over
 * HTTP (fetch) and socket.io exactly as clients do. Close it in `afterAll`. `host`: where it listens
 * (`0.0.0.0` to be reached from this machine's other addresses too; `baseUrl` stays on loopback).
 */
export async function startTestApp(env: Record<string, string> = {}, host = '127.0.0.1'): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    ...TEST_RATE_LIMITS,
    ...env,
    DATABASE_URL: db.url,
  });
  const app = await createApp(config, db.url, process.env.LIQUIDE_TEST_LOGS ? new ConsoleLogger() : false);
  try {
    await app.listen(0, host);
  } catch (error) {
    await app.close();
    await db.drop();
    throw error;
  }
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    db,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
