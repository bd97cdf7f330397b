import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { Client } from 'pg';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TallyState } from '@liquide/engine';
import { request } from '../../support/api-client';
import { buildServer } from '../../support/built-server';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait';
import {
  createBallot,
  createCollective,
  inBatches,
  requestId,
  type Collective,
} from '../domain/domain-fixtures';
import { startBalancer, startInstance, stopProcess, type Balancer, type Instance } from './balancer';

const REDIS_URL = 'redis://127.0.0.1:6379';
const OBSERVERS = 9;
const FIRST_WAVE = 9;
const SECOND_WAVE = 9;
/** Members of the first wave who change their vote during the second. */
const CHANGES = 3;

type Choice = 'yes' | 'no' | 'abstain';

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

/**
 * An observer as a browser makes one through the balancer: long-polling first, then the websocket
 * upgrade, cookies kept (the balancer's stickiness cookie), reconnecting when its instance goes away
 * and watching the ballot again on every connection.
 */
interface Observer {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  latest: TallyState | null;
  disconnects: number;
  connects: number;
  /** The connection (counted by `connects`) on which the ballot was last watched with success. */
  watchedOn: number;
}

function observe(url: string, ballotId: string): Observer {
  const socket: Observer['socket'] = io(url, {
    path: '/socket.io',
    withCredentials: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    forceNew: true,
  });
  const observer: Observer = { socket, latest: null, disconnects: 0, connects: 0, watchedOn: 0 };
  const keep = (state: TallyState | undefined) => {
    if (state && (observer.latest === null || state.version >= observer.latest.version || state.final)) {
      observer.latest = state;
    }
  };
  socket.on('tally:state', keep);
  socket.on('disconnect', () => (observer.disconnects += 1));
  socket.on('connect', () => {
    observer.connects += 1;
    // another instance counts versions of its own: its states replace what the last one sent
    observer.latest = null;
    socket
      .timeout(10_000)
      .emitWithAck('ballot:watch', { ballotId })
      .then(
        (answer) => {
          keep('state' in answer ? answer.state : undefined);
          observer.watchedOn = answer.ok ? observer.connects : observer.watchedOn;
        },
        () => socket.disconnect().connect(),
      );
  });
  return observer;
}

/**
 * Casts a vote through the balancer as a client would: the same request id on every attempt, tried
 * again when the connection fails or the balancer answers 502/503/504 (the instance died under it).
 */
async function castVote(url: string, token: string, ballotId: string, choice: Choice): Promise<void> {
  const id = requestId('lb');
  for (let attempt = 1; ; attempt += 1) {
    const answer = await request(url, 'PUT', `/api/ballots/${ballotId}/vote`, {
      token,
      body: { choice, requestId: id },
    }).catch((error: unknown) => ({ status: 0, body: String(error) }));
    trail.push(
      `${choice}#${attempt}:${answer.status}${(answer.body as { replayed?: boolean })?.replayed ? 'R' : ''}`,
    );
    if (answer.status === 200) {
      return;
    }
    if ((answer.status !== 0 && answer.status < 500) || attempt >= 40) {
      throw new Error(`vote ${choice} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const trail: string[] = [];

/** Waits, with the busy-machine limit, until a condition on what the clients hold is true. */
function until(check: () => boolean): Promise<void> {
  return waitFor(() => Promise.resolve(check()));
}

function count(choices: Iterable<Choice>): Record<Choice, number> {
  const totals = { yes: 0, no: 0, abstain: 0 };
  for (const choice of choices) {
    totals[choice] += 1;
  }
  return totals;
}

describe('Three instances behind HAProxy, one killed mid-vote', () => {
  let db: TestDatabase;
  let dir: string;
  const instances: Instance[] = [];
  let balancer: Balancer | undefined;
  const observers: Observer[] = [];

  beforeAll(async () => {
    if (!(await redisAnswers())) {
      throw new Error(`Redis must answer at ${REDIS_URL} for this test (.ci/run starts it)`);
    }
    buildServer();
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'liquide-lb-'));
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const keyFile = join(dir, 'jwt.pem');
    writeFileSync(keyFile, await exportPKCS8(privateKey), { mode: 0o600 });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      JWT_PRIVATE_KEY_FILE: keyFile,
      LIQUIDE_DATA_DIR: dir,
      RATE_LIMIT_REDIS_PREFIX: `liquide:lb-test:${process.pid}:${Date.now()}:`,
      LIVE_RECONCILE_INTERVAL_MS: '1000',
    };
    instances.push(...(await Promise.all(['s1', 's2', 's3'].map((name) => startInstance(name, env)))));
    balancer = await startBalancer(dir, instances);
  }, 180_000);

  afterAll(async () => {
    for (const observer of observers) {
      observer.socket.disconnect();
    }
    if (balancer) {
      await stopProcess(balancer.process);
    }
    await Promise.all(instances.map((i) => stopProcess(i.process)));
    await db?.drop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps answering votes and reaches every observer with exact totals after an instance dies', async () => {
    const lb = balancer!.url;
    const people = Array.from({ length: FIRST_WAVE + SECOND_WAVE }, (_, i) => ({
      name: `M${i}`,
      roles: 'member',
    }));
    // accounts are made on one instance directly (its local outbox holds the verification mail)
    const c: Collective = await createCollective(instances[0].url, people, { public: true });
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });

    // observers through the balancer, spread over the instances by round robin, then sticky
    for (let i = 0; i < OBSERVERS; i += 1) {
      observers.push(observe(lb, ballotId));
    }
    await until(() => observers.every((o) => o.latest !== null));
    const before = await balancer!.servers();
    for (const instance of instances) {
      // each instance holds some of the observers' websockets (sessions counted by HAProxy)
      expect(before[instance.name]?.sessions).toBeGreaterThan(0);
    }

    // first wave: votes over HTTP through the balancer, every observer sees them
    const acknowledged = new Map<string, Choice>();
    const choiceOf = (i: number): Choice => (['yes', 'no', 'abstain'] as const)[i % 3];
    await inBatches(people.slice(0, FIRST_WAVE), 3, async (p) => {
      const i = Number(p.name.slice(1));
      await castVote(lb, c.users[p.name].token, ballotId, choiceOf(i));
      acknowledged.set(p.name, choiceOf(i));
    });
    const firstTotals = count(acknowledged.values());
    await until(() => observers.every((o) => o.latest && expectTotals(o.latest.totals, firstTotals)));

    // second wave: new voters and changed votes while s2 is killed (no warning, no graceful close)
    const victim = instances[1];
    const second: { name: string; choice: Choice }[] = [
      ...people
        .slice(FIRST_WAVE)
        .map((p) => ({ name: p.name, choice: choiceOf(Number(p.name.slice(1)) + 1) })),
      ...people
        .slice(0, CHANGES)
        .map((p) => ({ name: p.name, choice: choiceOf(Number(p.name.slice(1)) + 2) })),
    ];
    let answered = 0;
    let killed = false;
    await inBatches(second, 4, async ({ name, choice }) => {
      await castVote(lb, c.users[name].token, ballotId, choice);
      acknowledged.set(name, choice);
      answered += 1;
      if (!killed && answered >= 3) {
        killed = true;
        victim.process.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    const finalTotals = count(acknowledged.values());
    expect(finalTotals.yes + finalTotals.no + finalTotals.abstain).toBe(FIRST_WAVE + SECOND_WAVE);

    // HAProxy takes the dead instance out; the observers it held reconnect through the balancer
    await waitFor(async () => (await balancer!.servers())[victim.name]?.up === false);
    const dropped = observers.filter((o) => o.disconnects > 0);
    expect(dropped.length).toBeGreaterThan(0);
    await until(() => observers.every((o) => o.socket.connected));
    // each watches the ballot again on its new instance and gets the current state there
    await until(() => dropped.every((o) => o.watchedOn === o.connects));
    for (const o of dropped) {
      expect(o.connects).toBeGreaterThan(1);
    }
    // before the close, the survivors' live figures reach the totals of every acknowledged vote: a
    // vote whose announcement died with the instance (or never came, docs/scaling.md) is found by
    // the survivors' reconciliation with PostgreSQL (LIVE_RECONCILE_INTERVAL_MS, 1 s here)
    await until(() =>
      observers.every((o) => o.latest?.final === false && expectTotals(o.latest.totals, finalTotals)),
    ).catch(() => {
      const seen = observers.map((o) => o.latest?.totals);
      throw new Error(
        `live figures did not reach ${JSON.stringify(finalTotals)} before the close: ${JSON.stringify(seen)} ${trail.join(' ')}`,
      );
    });

    // closing through the balancer: every observer gets the final state with the same totals
    const closed = await request(lb, 'POST', `/api/ballots/${ballotId}/close`, { token: c.admin.token });
    expect(closed.status).toBeLessThan(300);
    await until(() =>
      observers.every((o) => o.latest?.final === true && expectTotals(o.latest.totals, finalTotals)),
    ).catch(() => {
      const seen = observers.map((o) => o.latest?.totals);
      throw new Error(
        `observers did not reach ${JSON.stringify(finalTotals)}: ${JSON.stringify(seen)} ${trail.join(' ')}`,
      );
    });
    const result = await request<{ result: { totals: Record<Choice, number> } }>(
      lb,
      'GET',
      `/api/ballots/${ballotId}/result`,
      { token: c.admin.token },
    );
    expect(result.status).toBe(200);
    expect(result.body.result.totals).toMatchObject(finalTotals);

    // the database holds exactly one vote per acknowledged voter, with the last acknowledged choice
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const rows = (
        await pg.query<{ member_id: string; choice: Choice }>(
          'select member_id, choice from vote where ballot_id = $1',
          [ballotId],
        )
      ).rows;
      expect(rows).toHaveLength(acknowledged.size);
      const byMember = new Map(rows.map((r) => [r.member_id, r.choice]));
      for (const [name, choice] of acknowledged) {
        expect({ name, choice: byMember.get(c.ids[name]) }).toEqual({ name, choice });
      }
    } finally {
      await pg.end();
    }
  }, 240_000);
});

function expectTotals(totals: Record<Choice, number>, expected: Record<Choice, number>): boolean {
  return totals.yes === expected.yes && totals.no === expected.no && totals.abstain === expected.abstain;
}
