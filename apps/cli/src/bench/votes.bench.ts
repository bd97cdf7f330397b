import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { USAGE_ERROR } from '../commands/exit-status';
import { cpuSeconds, postgresPids, startServer, type ServerProcess, summariseProfiles } from './votes-server';

const HELP = `usage: liquide bench votes [--members N] [--connections N] [--duration S] [--warmup S]
                           [--postgres URL] [--cpu-prof] [--json]

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
    server = await startServer(databaseUrl, profileDir);
    const api = new Http(server.baseUrl, options.connections);
    const setup = await seed(api, options.members, log);
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
  const options: Options = {
    members: 2000,
    connections: 64,
    durationS: 12,
    warmupS: 3,
    postgres: 'postgres://postgres@127.0.0.1:5432',
    cpuProf: false,
    json: false,
  };
  const numeric: Record<string, 'members' | 'connections' | 'durationS' | 'warmupS'> = {
    '--members': 'members',
    '--connections': 'connections',
    '--duration': 'durationS',
    '--warmup': 'warmupS',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--cpu-prof' || arg === '--json') {
      options[arg === '--json' ? 'json' : 'cpuProf'] = true;
    } else if (arg === '--postgres' && args[i + 1]) {
      options.postgres = args[++i].replace(/\/+$/, '');
    } else if (numeric[arg] && Number(args[i + 1]) > 0) {
      options[numeric[arg]] = Number(args[++i]);
    } else {
      throw new Error(`unknown or incomplete option "${arg}"`);
    }
  }
  return options;
}

interface Reply {
  status: number;
  body: string;
}

/** A keep-alive HTTP client: at most `sockets` connections, reused. */
class Http {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, sockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (payload !== undefined) {
      headers['content-type'] = typeof body === 'string' ? 'text/csv' : 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json<T>(
    step: string,
    expected: number,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ) {
    const reply = await this.call(method, path, token, body);
    if (reply.status !== expected) {
      throw new Error(`${step}: HTTP ${reply.status} (expected ${expected}) ${reply.body.slice(0, 500)}`);
    }
    return (reply.body ? JSON.parse(reply.body) : null) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

interface Setup {
  ballotId: string;
  tokens: string[];
  timings: { registerS: number; registerPerS: number; importS: number; members: number };
}

async function seed(api: Http, members: number, log: (line: string) => void): Promise<Setup> {
  const password = 'bench-password-1';
  const organiser = await api.json<{ accessToken: string }>(
    'register organiser',
    201,
    'POST',
    '/api/auth/register',
    undefined,
    {
      email: 'organiser@bench.example',
      password,
      displayName: 'Organiser',
    },
  );
  const token = organiser.accessToken;
  const collective = await api.json<{ id: string }>(
    'create collective',
    201,
    'POST',
    '/api/collectives',
    token,
    {
      name: 'Bench',
      slug: 'bench',
      settings: { visibility: 'live', deputies: 5, public: true },
    },
  );
  const emails = Array.from({ length: members }, (_, i) => `voter${i}@bench.example`);
  let started = performance.now();
  const csv = ['email,display_name,roles', ...emails.map((email, i) => `${email},Voter ${i},member`)].join(
    '\n',
  );
  const job = await api.json<{ importId: string }>(
    'import',
    202,
    'POST',
    `/api/collectives/${collective.id}/members/import`,
    token,
    csv,
  );
  for (;;) {
    const progress = await api.json<{ status: string }>(
      'import progress',
      200,
      'GET',
      `/api/collectives/${collective.id}/members/imports/${job.importId}`,
      token,
    );
    if (progress.status === 'done') {
      break;
    }
    if (progress.status !== 'running') {
      throw new Error(`import: ${JSON.stringify(progress)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const importS = (performance.now() - started) / 1000;
  log(`  imported ${members} members in ${importS.toFixed(2)} s; registering their accounts (argon2)…`);
  started = performance.now();
  const tokens: string[] = new Array<string>(members);
  let next = 0;
  const registerOne = async (): Promise<void> => {
    while (next < members) {
      const i = next++;
      const reply = await api.json<{ accessToken: string }>(
        `register ${emails[i]}`,
        201,
        'POST',
        '/api/auth/register',
        undefined,
        {
          email: emails[i],
          password,
          displayName: `Voter ${i}`,
        },
      );
      tokens[i] = reply.accessToken;
    }
  };
  await Promise.all(Array.from({ length: 8 }, registerOne));
  const registerS = (performance.now() - started) / 1000;
  log(
    `  registered ${members} accounts in ${registerS.toFixed(1)} s (${(members / registerS).toFixed(0)}/s)`,
  );
  const bill = await api.json<{ id: string }>(
    'create bill',
    201,
    'POST',
    `/api/collectives/${collective.id}/bills`,
    token,
    {
      title: 'Bench bill',
      articles: [{ heading: 'Article 1', text: 'Benchmark.' }],
    },
  );
  const now = Date.now();
  const ballot = await api.json<{ id: string }>(
    'create ballot',
    201,
    'POST',
    `/api/collectives/${collective.id}/ballots`,
    token,
    {
      billId: bill.id,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    },
  );
  await api.json('open ballot', 204, 'POST', `/api/ballots/${ballot.id}/open`, token);
  return {
    ballotId: ballot.id,
    tokens,
    timings: {
      registerS: round(registerS, 2),
      registerPerS: Math.round(members / registerS),
      importS: round(importS, 2),
      members,
    },
  };
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
  const before = { server: cpuSeconds([serverPid]), pg: cpuSeconds(pgPids), self: process.cpuUsage() };
  const startedAt = performance.now();
  measuring = true;
  await sleep(options.durationS * 1000);
  measuring = false;
  const measuredS = (performance.now() - startedAt) / 1000;
  const self = process.cpuUsage(before.self);
  const cpu = {
    serverCores: round((cpuSeconds([serverPid]) - before.server) / measuredS, 2),
    postgresCores: round((cpuSeconds(pgPids) - before.pg) / measuredS, 2),
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
