import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { USAGE_ERROR } from '../commands/exit-status';
import { Http, parseBenchOptions, seed, type Setup } from './bench-api';
import { cpuMeter, postgresPids, startServer, type ServerProcess, summariseProfiles } from './votes-server';

const HELP = `usage: liquide bench votes [--members N] [--connections N] [--duration S] [--warmup S]
                           [--pool N] [--workers N] [--postgres URL] [--cpu-prof] [--json]

Durable votes per second over HTTP. Creates a throw-away database on the machine's PostgreSQL
(--postgres, default postgres://postgres@127.0.0.1:5432), starts the built server on it as a child
process (node apps/server/dist/main.js, free port, LOG_LEVEL=warn), registers --members accounts
(default 2,000; setup, timed apart), opens a ballot, then keeps --connections requests in flight
(default 64, keep-alive) for --duration seconds (default 12) after --warmup seconds (default 3):
each request is PUT /api/ballots/:id/vote by a member in turn, with a fresh requestId (first votes,
then changes of choice). Every answer must be 200; afterwards the votes and request ids stored in
PostgreSQL are counted against the answers. --cpu-prof profiles the server (node --cpu-prof) and
prints where its time goes. The server and this load generator share the machine.
`;

interface Options {
  members: number;
  connections: number;
  durationS: number;
  warmupS: number;
  postgres: string;
  cpuProf: boolean;
  json: boolean;
  /** The server's DATABASE_POOL_MAX (its default when unset). */
  pool: number | undefined;
  /** LIQUIDE_WORKERS of the server (with REDIS_URL=redis://127.0.0.1:6379 when more than one). */
  workers: number | undefined;
}

/** `liquide bench votes`: see HELP and docs/performance.md. */
export async function votesBench(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    process.stderr.write(`liquide bench votes: ${(error as Error).message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const database = `liquide_bench_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: `${options.postgres}/postgres` });
  await admin.connect();
  let server: ServerProcess | undefined;
  try {
    await admin.query(`create database ${database}`);
    const databaseUrl = `${options.postgres}/${database}`;
    const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'liquide-votes-prof-')) : null;
    log(`votes bench: database ${database}; starting the server…`);
    server = await startServer(databaseUrl, profileDir, {
      ...(options.pool ? { DATABASE_POOL_MAX: String(options.pool) } : {}),
      ...(options.workers && options.workers > 1
        ? { LIQUIDE_WORKERS: String(options.workers), REDIS_URL: 'redis://127.0.0.1:6379' }
        : {}),
    });
    const api = new Http(server.baseUrl, options.connections);
    const setup = await seed(api, options.members, log, databaseUrl);
    const figures = await load(api, setup, options, server.pid, log);
    const stored = await countStored(databaseUrl, setup.ballotId);
    api.close();
    const durable =
      stored.votes === figures.distinctVoters && stored.requests === figures.ok && figures.non200 === 0;
    const result = { ...figures, setup: setup.timings, stored, durable, options };
    if (profileDir) {
      await server.stop();
      server = undefined;
      log(summariseProfiles(profileDir));
    }
    process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : render(result));
    return durable ? 0 : 1;
  } finally {
    await server?.stop().catch(() => undefined);
    await admin.query(`drop database if exists ${database} with (force)`).catch((error: unknown) => {
      log(`could not drop ${database}: ${String(error)}`);
    });
    await admin.end();
  }
}

function parseOptions(args: string[]): Options {
  return parseBenchOptions<Options>(
    args,
    {
      members: 2000,
      connections: 64,
      durationS: 12,
      warmupS: 3,
      postgres: 'postgres://postgres@127.0.0.1:5432',
      cpuProf: false,
      json: false,
      pool: undefined,
      workers: undefined,
    },
    {
      '--members': 'members',
      '--connections': 'connections',
      '--duration': 'durationS',
      '--warmup': 'warmupS',
      '--pool': 'pool',
      '--workers': 'workers',
    },
    { '--cpu-prof': 'cpuProf', '--json': 'json' },
  );
}

interface LoadFigures {
  connections: number;
  measuredS: number;
  votes: number;
  votesPerS: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** 200 answers over the whole run (warm-up included): each one a committed vote. */
  ok: number;
  non200: number;
  statuses: Record<string, number>;
  distinctVoters: number;
  cpu: { serverCores: number; postgresCores: number; loadGeneratorCores: number; machineCores: number };
}

const CHOICES = ['yes', 'no', 'abstain'] as const;

async function load(
  api: Http,
  setup: Setup,
  options: Options,
  serverPid: number,
  log: (line: string) => void,
): Promise<LoadFigures> {
  const path = `/api/ballots/${setup.ballotId}/vote`;
  const voted = new Set<number>();
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let ok = 0;
  let cursor = 0;
  let measuring = false;
  let stopping = false;
  const worker = async (): Promise<void> => {
    while (!stopping) {
      const member = cursor++ % setup.tokens.length;
      const body = { choice: CHOICES[(cursor * 7) % 3], requestId: randomBytes(12).toString('base64url') };
      const started = performance.now();
      let status: number;
      try {
        status = (await api.call('PUT', path, setup.tokens[member], body)).status;
      } catch {
        status = 0;
      }
      const elapsed = performance.now() - started;
      if (status === 200) {
        ok++;
        voted.add(member);
      }
      if (measuring) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        latencies.push(elapsed);
      } else if (status !== 200) {
        statuses[`warmup-${status}`] = (statuses[`warmup-${status}`] ?? 0) + 1;
      }
    }
  };
  log(
    `  load: ${options.connections} connections, warm-up ${options.warmupS} s, measure ${options.durationS} s…`,
  );
  const workers = Array.from({ length: options.connections }, worker);
  await sleep(options.warmupS * 1000);
  const pgPids = postgresPids();
  const before = { server: cpuMeter([serverPid]), pg: cpuMeter(pgPids), self: process.cpuUsage() };
  const startedAt = performance.now();
  measuring = true;
  await sleep(options.durationS * 1000);
  measuring = false;
  const measuredS = (performance.now() - startedAt) / 1000;
  const self = process.cpuUsage(before.self);
  const cpu = {
    serverCores: round(before.server() / measuredS, 2),
    postgresCores: round(before.pg() / measuredS, 2),
    loadGeneratorCores: round((self.user + self.system) / 1e6 / measuredS, 2),
    machineCores: (await import('node:os')).cpus().length,
  };
  stopping = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 1);
  const good = statuses['200'] ?? 0;
  return {
    connections: options.connections,
    measuredS: round(measuredS, 2),
    votes: good,
    votesPerS: Math.round(good / measuredS),
    latencyMs: {
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: round(latencies[latencies.length - 1] ?? 0, 1),
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length), 1),
    },
    ok,
    non200: Object.entries(statuses)
      .filter(([status]) => !status.endsWith('200'))
      .reduce((sum, [, n]) => sum + n, 0),
    statuses,
    distinctVoters: voted.size,
    cpu,
  };
}

async function countStored(
  databaseUrl: string,
  ballotId: string,
): Promise<{ votes: number; requests: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const votes = await client.query<{ n: string }>('select count(*) as n from vote where ballot_id = $1', [
      ballotId,
    ]);
    const requests = await client.query<{ n: string }>(
      'select count(*) as n from vote_request where ballot_id = $1',
      [ballotId],
    );
    return { votes: Number(votes.rows[0].n), requests: Number(requests.rows[0].n) };
  } finally {
    await client.end();
  }
}

function render(
  result: LoadFigures & {
    setup: Setup['timings'];
    stored: { votes: number; requests: number };
    durable: boolean;
  },
): string {
  const { latencyMs: l, cpu } = result;
  return `votes over HTTP (server + PostgreSQL + load generator on ${cpu.machineCores} cores)
  setup          ${result.setup.members} members imported in ${result.setup.importS} s, accounts registered in ${result.setup.registerS} s (${result.setup.registerPerS}/s, argon2)
  load           ${result.connections} keep-alive connections, ${result.measuredS} s measured
  throughput     ${result.votesPerS} votes/s (${result.votes} votes answered 200)
  latency        p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (mean ${l.mean} ms)
  answers        ${JSON.stringify(result.statuses)}
  cpu (cores)    server ${cpu.serverCores}, PostgreSQL ${cpu.postgresCores}, load generator ${cpu.loadGeneratorCores}
  durability     ${result.stored.votes} votes stored for ${result.distinctVoters} members answered 200; ${result.stored.requests} request ids stored for ${result.ok} answers 200 → ${result.durable ? 'ok' : 'MISMATCH'}
  target         ≥ 3000 votes/s with p99 ≤ 50 ms → ${result.votesPerS >= 3000 && l.p99 <= 50 ? 'met' : 'not met'}
`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
