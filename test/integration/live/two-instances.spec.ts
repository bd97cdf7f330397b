import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { createClient } from 'redis';
import { findFreePort } from '@liquide/server/database/free-port';
import { request } from '../../support/api-client';
import { buildServer } from '../../support/built-server';
import { collectStates, connectLive, eventually, watch } from '../../support/live-client';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { createBallot, createCollective, requestId } from '../domain/domain-fixtures';

const ROOT = resolve(__dirname, '../../..');
const REDIS_URL = 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    await client.quit().catch(() => undefined);
  }
}

/** Starts `node apps/server/dist/main.js` and waits until /health answers. */
async function startServer(env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [join(ROOT, 'apps/server/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return { url, process: child };
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Two server instances sharing PostgreSQL and Redis', () => {
  let db: TestDatabase;
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    if (!(await redisAnswers())) {
      throw new Error(`Redis must answer at ${REDIS_URL} for this test (.ci/run starts it)`);
    }
    buildServer();
    db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'liquide-keys-'));
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const keyFile = join(dir, 'jwt.pem');
    writeFileSync(keyFile, await exportPKCS8(privateKey), { mode: 0o600 });
    const env = { DATABASE_URL: db.url, REDIS_URL, JWT_PRIVATE_KEY_FILE: keyFile, LIQUIDE_DATA_DIR: dir };
    const started = await Promise.all([startServer(env), startServer(env)]);
    servers.push(...started.map((s) => s.process));
    [a, b] = started.map((s) => s.url);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) {
      server.kill('SIGTERM');
    }
    await Promise.all(
      servers.map((s) => new Promise((r) => (s.exitCode === null ? s.once('exit', r) : r(null)))),
    );
    await db?.drop();
  });

  it('shows an observer on instance B the votes cast through instance A', async () => {
    const c = await createCollective(
      a,
      [
        { name: 'Ana', roles: 'member' },
        { name: 'Ben', roles: 'member' },
      ],
      {
        public: true,
        visibility: 'live',
      },
    );
    const { ballotId } = await createBallot(c.admin, c.id);
    const observer = await connectLive(b);
    try {
      const states = collectStates(observer);
      expect(await watch(observer, ballotId)).toMatchObject({
        ok: true,
        state: { totals: { yes: 0, no: 0 } },
      });
      const vote = await request(a, 'PUT', `/api/ballots/${ballotId}/vote`, {
        token: c.users.Ana.token,
        body: { choice: 'yes', requestId: requestId() },
      });
      expect(vote.status).toBe(200);
      await eventually(() => states.at(-1)?.totals.yes === 1);
      await request(a, 'PUT', `/api/ballots/${ballotId}/vote`, {
        token: c.users.Ben.token,
        body: { choice: 'no', requestId: requestId() },
      });
      await eventually(() => states.at(-1)?.totals.no === 1);
      expect(states.at(-1)?.totals).toMatchObject({ yes: 1, no: 1 });
    } finally {
      observer.disconnect();
    }
  });

  it('tells a delegator connected to B that their delegate voted through A', async () => {
    const c = await createCollective(
      a,
      [
        { name: 'Cleo', roles: 'member' },
        { name: 'Dan', roles: 'member' },
      ],
      {
        public: true,
      },
    );
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    await request(a, 'PUT', `/api/collectives/${c.id}/delegations`, {
      token: c.users.Cleo.token,
      body: { scope: 'global', trustees: [c.ids.Dan] },
    });
    const cleo = await connectLive(b, c.users.Cleo.token);
    try {
      const told: { choice: string }[] = [];
      cleo.on('delegate:voted', (payload) => told.push(payload));
      await request(a, 'PUT', `/api/ballots/${ballotId}/vote`, {
        token: c.users.Dan.token,
        body: { choice: 'abstain', requestId: requestId() },
      });
      await eventually(() => told.length === 1);
      expect(told[0]).toMatchObject({ choice: 'abstain' });
    } finally {
      cleo.disconnect();
    }
  });
});
