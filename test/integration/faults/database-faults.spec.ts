import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { loadConfig } from '@liquide/engine';
import { createApp } from '@liquide/server/create-app';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { TEST_RATE_LIMITS } from '../../support/test-env';
import { connectLive, watch, type LiveClient } from '../../support/live-client';
import { createBallot, createCollective, requestId, type Collective } from '../domain/domain-fixtures';
import { FaultProxy, type FaultMode } from './fault-proxy';

/** Bounds from docs/operations.md, asserted with room for a busy machine. */
const ANSWER_BOUND_MS = 2500;
const HEALTH_BOUND_MS = 1500;

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly code?: string;
  readonly message?: string;
  readonly retryAfter: string | null;
}

const voters = Array.from({ length: 6 }, (_, i) => `v${i}`);

describe('A lost or silent database is an answer, not a hang (TCP proxy in front of PostgreSQL)', () => {
  let db: TestDatabase;
  let proxy: FaultProxy;
  let app: INestApplication;
  let baseUrl: string;
  let c: Collective;
  let ballotId: string;
  /** A second ballot the observer has not watched yet: its first watch needs the database. */
  let unwatchedId: string;
  let observer: LiveClient;
  /** Request id → status of every vote the background voters sent. */
  const sent = new Map<string, Answer>();
  /** Measured per fault (written to LIQUIDE_FAULT_FIGURES when set, for docs/reliability.md). */
  const figures: Record<string, Record<string, number>> = {};
  let voting = true;
  let background: Promise<void> = Promise.resolve();

  async function vote(name: string, id = requestId('fault')): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/ballots/${ballotId}/vote`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${c.users[name].token}`,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: JSON.stringify({ choice: ['yes', 'no', 'abstain'][id.length % 3], requestId: id }),
    });
    const body = (await response.json()) as { code?: string; message?: string };
    const answer = {
      status: response.status,
      ms: performance.now() - started,
      code: body.code,
      message: body.message,
      retryAfter: response.headers.get('retry-after'),
    };
    sent.set(id, answer);
    return answer;
  }

  async function health(): Promise<Answer & { database?: string }> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/health`);
    const body = (await response.json()) as { code?: string; database?: string };
    return {
      status: response.status,
      ms: performance.now() - started,
      code: body.code,
      database: body.database,
      retryAfter: response.headers.get('retry-after'),
    };
  }

  async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, limitMs = 20_000): Promise<T> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const value = await probe();
      if (ok(value) || Date.now() > deadline) {
        return value;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const url = proxy.rewrite(db.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      ...TEST_RATE_LIMITS,
      DATABASE_URL: url,
    });
    app = await createApp(config, url, process.env.LIQUIDE_TEST_LOGS ? new ConsoleLogger() : false);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    c = await createCollective(
      baseUrl,
      voters.map((name) => ({ name, roles: 'member' })),
    );
    ({ ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' }));
    ({ ballotId: unwatchedId } = await createBallot(c.admin, c.id, { visibility: 'live' }));
    observer = await connectLive(baseUrl, c.users.v5.token);
    expect(await watch(observer, ballotId)).toMatchObject({ ok: true });
    // members keep voting through every fault, each vote with its own request id
    background = Promise.all(
      voters.map(async (name) => {
        while (voting) {
          const answer = await vote(name).catch(() => undefined);
          // like a client told to come back later (Retry-After, shortened for the test)
          await new Promise((resolve) => setTimeout(resolve, answer?.status === 200 ? 20 : 150));
        }
      }),
    ).then(() => undefined);
  }, 60_000);

  afterAll(async () => {
    if (process.env.LIQUIDE_FAULT_FIGURES) {
      writeFileSync(process.env.LIQUIDE_FAULT_FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
    }
    voting = false;
    await background;
    observer?.disconnect();
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  const faults: [FaultMode, string][] = [
    ['reset', 'unreachable'],
    ['refuse', 'unreachable'],
    ['blackhole', 'timeout'],
  ];

  it.each(faults)(
    'with connections %s: votes get 503 with a code and Retry-After, /health says %s, then it recovers',
    async (mode, state) => {
      await proxy.setMode(mode);

      const refused = await vote('v0');
      expect(refused).toMatchObject({
        status: 503,
        code: 'common.database_unavailable',
        message: expect.stringContaining('try again') as string,
        retryAfter: expect.stringMatching(/^\d+$/) as string,
      });
      expect(refused.ms).toBeLessThan(ANSWER_BOUND_MS);

      const down = await until(health, (h) => h.database === state, 5000);
      expect(down).toMatchObject({ status: 503, database: state, code: 'common.database_unavailable' });
      expect(down.retryAfter).toMatch(/^\d+$/);
      const probes = await Promise.all([health(), health(), health()]);
      for (const probe of probes) {
        expect(probe.status).toBe(503);
        expect(probe.ms).toBeLessThan(HEALTH_BOUND_MS);
      }

      // a socket event that needs the database is answered with the same code, not left without an ack;
      // a ballot the socket already watches is answered from memory, database or not
      const watched = await watch(observer, unwatchedId);
      expect(watched).toMatchObject({ ok: false, code: 'common.database_unavailable' });
      expect(await watch(observer, ballotId)).toMatchObject({ ok: true });
      // a member's socket connecting now cannot join its rooms: it is let go (to come back later),
      // and the server goes on (before, an unhandled rejection)
      const late = await connectLive(baseUrl, c.users.v2.token);
      await until(
        () => Promise.resolve(late.connected),
        (connected) => !connected,
        5000,
      );
      expect(late.connected).toBe(false);
      late.close();

      await proxy.setMode('pass');
      const healed = performance.now();
      const up = await until(health, (h) => h.status === 200);
      figures[mode] = {
        firstVote503Ms: Math.round(refused.ms),
        healthMaxMs: Math.round(Math.max(down.ms, ...probes.map((probe) => probe.ms))),
        recoveryMs: Math.round(performance.now() - healed),
      };
      expect(up).toMatchObject({ status: 200, database: 'up' });
      expect(await vote('v0')).toMatchObject({ status: 200 });
      expect(await watch(observer, ballotId)).toMatchObject({ ok: true });
    },
    60_000,
  );

  it('with every backend terminated by the server (57P01), answers votes 200 or 503, never 500, and stays up', async () => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      for (let round = 0; round < 3; round += 1) {
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
        );
        expect([200, 503]).toContain((await vote('v1')).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await admin.end();
    }
    expect(await until(health, (h) => h.status === 200)).toMatchObject({ status: 200, database: 'up' });
    expect(await vote('v1')).toMatchObject({ status: 200 });
  }, 60_000);

  it('never answered a vote with anything but 200 or 503 within the bound, and kept every acknowledged vote', async () => {
    voting = false;
    await background;
    const answers = [...sent.values()];
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const unavailable = answers.filter((a) => a.status === 503);
    for (const answer of unavailable) {
      expect(answer.code).toBe('common.database_unavailable');
      expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    }
    figures.background = {
      votes: answers.length,
      answered200: answers.length - unavailable.length,
      answered503: unavailable.length,
      slowest503Ms: Math.round(Math.max(...unavailable.map((a) => a.ms))),
    };
    const acknowledged = [...sent.entries()].filter(([, a]) => a.status === 200).map(([id]) => id);
    const direct = new Client({ connectionString: db.url });
    await direct.connect();
    try {
      const stored = await direct.query<{ request_id: string }>(
        'select request_id from vote_request where request_id = any($1::text[])',
        [acknowledged],
      );
      expect(new Set(stored.rows.map((row) => row.request_id))).toEqual(new Set(acknowledged));
    } finally {
      await direct.end();
    }
  });
});
