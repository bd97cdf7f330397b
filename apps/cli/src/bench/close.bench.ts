import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { USAGE_ERROR } from '../commands/exit-status';
import { benchCollective, Http, parseBenchOptions } from './bench-api';
import { fillElectorate, type Filled } from './close-fill';
import { loadAverage } from './hostile';
import { startServer, summariseProfiles, type ServerProcess } from './votes-server';

const HELP = `usage: liquide bench close [--members N] [--seats N] [--postgres URL] [--cpu-prof] [--json]

Closing a large ballot from PostgreSQL (issue 18). Creates a throw-away database (--postgres, default
postgres://postgres@127.0.0.1:5432), starts the built server on it, creates a collective, a bill and an
open ballot through the API, then fills the database with plain SQL: --members members (default
1,000,000), about as many delegation rows, a vote for one member in five and --seats seated deputies
(default 5). One socket.io client watches the ballot. The organiser then closes it
(POST /api/ballots/:id/close), while /health is asked every 10 ms; the bench reports the close's phases
as the server logs them (lock, snapshot, tally, result, record, commit, seal), the answer, the signed
instructions and the final state pushed to the watcher, the longest event-loop block of the server during
the close and the slowest /health answer, with the targets (≤ 3 s, ≤ 50 ms) and the load average.
--cpu-prof profiles the server (node --cpu-prof) and prints where its time went.
`;

const TARGET_TOTAL_MS = 3000;
const TARGET_BLOCK_MS = 50;

interface Options {
  members: number;
  seats: number;
  postgres: string;
  cpuProf: boolean;
  json: boolean;
}

interface ServerLog {
  closed?: { at: number; text: string };
  issued?: { at: number; text: string };
}

/** `liquide bench close`: see HELP and docs/performance.md. */
export async function closeBench(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let options: Options;
  try {
    options = parseBenchOptions<Options>(
      args,
      {
        members: 1_000_000,
        seats: 5,
        postgres: 'postgres://postgres@127.0.0.1:5432',
        cpuProf: false,
        json: false,
      },
      { '--members': 'members', '--seats': 'seats' },
      { '--cpu-prof': 'cpuProf', '--json': 'json' },
    );
  } catch (error) {
    process.stderr.write(`liquide bench close: ${(error as Error).message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const database = `liquide_bench_close_${Date.now()}_${process.pid}`;
  const databaseUrl = `${options.postgres}/${database}`;
  const admin = new Client({ connectionString: `${options.postgres}/postgres` });
  await admin.connect();
  const loopFile = join(mkdtempSync(join(tmpdir(), 'liquide-close-loop-')), 'loop.json');
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'liquide-close-prof-')) : null;
  const serverLog: ServerLog = {};
  let server: ServerProcess | undefined;
  let watcher: Socket | undefined;
  let probe: ReturnType<typeof probeHealth> | undefined;
  let api: Http | undefined;
  try {
    await admin.query(`create database ${database}`);
    log(`close bench: database ${database}; starting the server… (load average ${loadAverage()})`);
    server = await startServer(
      databaseUrl,
      profileDir,
      { LIQUIDE_BENCH_LOOP_FILE: loopFile, LOG_LEVEL: 'log', LOG_FORMAT: 'json' },
      (line) => readServerLine(line, serverLog),
    );
    api = new Http(server.baseUrl, 4);
    const setup = await createBallot(api, databaseUrl);
    log(`  filling ${options.members} members, delegations and votes with SQL…`);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    let filled: Filled;
    try {
      filled = await fillElectorate(db, { ...setup, members: options.members, seats: options.seats }, log);
    } finally {
      await db.end();
    }
    log(`  filled in ${filled.seconds} s; closing (load average ${loadAverage()})…`);
    log(`  watching the ballot with one socket.io client…`);
    watcher = await within(watch(server.baseUrl, setup.ballotId), 60_000, 'an answer to ballot:watch');
    const pushed = new Promise<number>((resolve) =>
      watcher!.once('ballot:closed', () => resolve(Date.now())),
    );
    probe = probeHealth(api);
    const startedAt = Date.now();
    const loadAtClose = loadAverage();
    const answer = await api.call('POST', `/api/ballots/${setup.ballotId}/close`, setup.token);
    const answeredAt = Date.now();
    if (answer.status !== 201 && answer.status !== 200) {
      throw new Error(`close: HTTP ${answer.status} ${answer.body.slice(0, 500)}`);
    }
    log(`  answered after ${answeredAt - startedAt} ms; waiting for the push and the instructions…`);
    // a figure that never comes is reported as missing (the close then did not meet its target)
    const pushedAt = await within(pushed, 300_000, 'the final state pushed to the watcher').catch(() => NaN);
    const issuedAt = await until(() => serverLog.issued?.at, 60_000, 'the signed instructions').catch(
      () => NaN,
    );
    const endedAt = Number.isNaN(pushedAt + issuedAt) ? Date.now() : Math.max(answeredAt, pushedAt, issuedAt);
    // then what every observer does next: read the closed ballot's result (three times, one after another)
    const readsFrom = Date.now();
    const resultReadsMs: number[] = [];
    for (let read = 0; read < 3; read++) {
      const sent = Date.now();
      const got = await api.call('GET', `/api/ballots/${setup.ballotId}/result`, setup.token);
      if (got.status !== 200) {
        throw new Error(`result: HTTP ${got.status} ${got.body.slice(0, 500)}`);
      }
      resultReadsMs.push(Date.now() - sent);
    }
    const readsTo = Date.now();
    const health = await probe.stop();
    probe = undefined;
    api.close();
    watcher.disconnect();
    await server.stop();
    server = undefined;
    const loop = JSON.parse(readFileSync(loopFile, 'utf8')) as [number, number][];
    const longestBlock = (from: number, to: number) =>
      Math.max(0, ...loop.filter(([at]) => at >= from && at <= to + 200).map(([, delay]) => delay));
    const longestBlockMs = longestBlock(startedAt, endedAt);
    const report = {
      members: options.members,
      filled,
      totalMs: endedAt - startedAt,
      answerMs: answeredAt - startedAt,
      answerBytes: Buffer.byteLength(answer.body),
      pushMs: pushedAt - startedAt,
      instructionsMs: issuedAt - startedAt,
      phases: serverLog.closed?.text ?? '(not logged)',
      instructions: serverLog.issued?.text ?? '(not logged)',
      longestBlockMs,
      resultReadsMs,
      resultReadBlockMs: longestBlock(readsFrom, readsTo),
      slowestHealthMs: health.slowestMs,
      healthAnswers: health.answers,
      loadAverage: { atClose: loadAtClose, after: loadAverage() },
    };
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : render(report));
    if (profileDir) {
      log(summariseProfiles(profileDir));
    }
    return 0;
  } finally {
    await probe?.stop();
    api?.close();
    watcher?.disconnect();
    await server?.stop().catch(() => undefined);
    rmSync(join(loopFile, '..'), { recursive: true, force: true });
    await admin.query(`drop database if exists ${database} with (force)`).catch((error: unknown) => {
      log(`could not drop ${database}: ${String(error)}`);
    });
    await admin.end();
  }
}

function render(r: {
  members: number;
  filled: Filled;
  totalMs: number;
  answerMs: number;
  answerBytes: number;
  pushMs: number;
  instructionsMs: number;
  phases: string;
  instructions: string;
  longestBlockMs: number;
  resultReadsMs: number[];
  resultReadBlockMs: number;
  slowestHealthMs: number;
  healthAnswers: number;
  loadAverage: { atClose: string; after: string };
}): string {
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return `close from PostgreSQL: ${r.members} members, ${r.filled.delegations} delegation rows, ${r.filled.votes} votes, ${r.filled.seats} seated deputies
  load average   ${r.loadAverage.atClose} at the close, ${r.loadAverage.after} after
  close, total   ${r.totalMs} ms (answer, instructions and push all done)      target ≤ ${TARGET_TOTAL_MS} ms → ${verdict(r.totalMs <= TARGET_TOTAL_MS)}
  longest block  ${r.longestBlockMs} ms of the server's event loop during the close  target ≤ ${TARGET_BLOCK_MS} ms → ${verdict(r.longestBlockMs <= TARGET_BLOCK_MS)}
  /health        slowest answer ${r.slowestHealthMs} ms (${r.healthAnswers} answers, one every 10 ms)
  phases         ${r.phases}
  answer         HTTP answer after ${r.answerMs} ms (${(r.answerBytes / 1048576).toFixed(1)} MiB)
  instructions   signed after ${r.instructionsMs} ms (${r.instructions})
  push           ballot:closed received by the watcher after ${Number.isNaN(r.pushMs) ? '— (not within 300 s)' : `${r.pushMs} ms`}
  result read    GET …/result after the close: ${r.resultReadsMs.join(' / ')} ms; longest block meanwhile ${r.resultReadBlockMs} ms
`;
}

/** Notes the server's close and instruction log lines (LOG_FORMAT=json) as they arrive. */
function readServerLine(line: string, into: ServerLog): void {
  let entry: { context?: string; message?: unknown; level?: string };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    process.stdout.write(`${line}\n`);
    return;
  }
  const text = typeof entry.message === 'string' ? entry.message : '';
  if (entry.level === 'error' || entry.level === 'warn' || entry.level === 'fatal') {
    process.stderr.write(`server ${entry.level}: ${text.slice(0, 2000)}\n`);
  }
  if (entry.context === 'CloseBallot' && text.startsWith('Closed ballot')) {
    into.closed = { at: Date.now(), text: text.replace(/^Closed ballot \S+ /, '') };
  } else if (entry.context === 'IssueInstructions') {
    into.issued = { at: Date.now(), text: text.replace(/ for ballot \S+/, '') };
  }
}

/** An organiser, a collective (results shown after the close), a bill and its open ballot, by the API. */
async function createBallot(api: Http, databaseUrl: string) {
  const { token, collectiveId } = await benchCollective(api, databaseUrl, {
    visibility: 'after-close',
    deputies: 5,
    public: true,
  });
  const bill = await api.json<{ id: string }>(
    'create bill',
    201,
    'POST',
    `/api/collectives/${collectiveId}/bills`,
    token,
    { title: 'Bench bill', articles: [{ heading: 'Article 1', text: 'Benchmark.' }] },
  );
  const now = Date.now();
  const ballot = await api.json<{ id: string }>(
    'create ballot',
    201,
    'POST',
    `/api/collectives/${collectiveId}/ballots`,
    token,
    {
      billId: bill.id,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(), // no closing reminder (24 h before) during the bench
    },
  );
  await api.json('open ballot', 204, 'POST', `/api/ballots/${ballot.id}/open`, token);
  return { token, collectiveId, billId: bill.id, ballotId: ballot.id };
}

function watch(baseUrl: string, ballotId: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.emit('ballot:watch', { ballotId }, (answer: { ok: boolean }) =>
        answer.ok ? resolve(socket) : reject(new Error(`watch refused: ${JSON.stringify(answer)}`)),
      );
    });
  });
}

/** Asks GET /health one request at a time, every 10 ms, until stopped; the slowest answer. */
function probeHealth(api: Http): { stop(): Promise<{ slowestMs: number; answers: number }> } {
  let running = true;
  let slowestMs = 0;
  let answers = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await api.call('GET', '/health').catch(() => undefined);
      slowestMs = Math.max(slowestMs, Math.round(performance.now() - started));
      answers += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { slowestMs, answers };
    },
  };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no sign of ${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(read: () => number | undefined, ms: number, what: string): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`no sign of ${what} within ${ms / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
