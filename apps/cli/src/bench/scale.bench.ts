import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { LiveTally } from '@liquide/engine/tally';
import { USAGE_ERROR } from '../commands/exit-status';
import { Http, parseBenchOptions, seed } from './bench-api';
import { loadAverage, rssMiB } from './hostile';
import { DEFAULT_SHAPE, generateScenario } from './tally-scenario';
import { startServer, type ServerProcess } from './votes-server';

const HELP = `usage: liquide bench scale [--members N] [--observers N] [--postgres URL] [--json]

What one server instance holds, measured, for docs/scaling.md:
- per member of an open ballot someone watches: the live tally (LiveTally) and the registry's index of
  who delegates to whom, built in this process from the tally bench's electorate of --members
  (default 1,000,000, UUID-sized ids as the server uses), retained heap + array buffers after GC;
- per observer: the built server's resident memory (RSS) before and after --observers socket.io clients
  (default 2,000) connect and watch one ballot, on a throw-away database.
`;

interface Options {
  members: number;
  observers: number;
  postgres: string;
  json: boolean;
}

/** `liquide bench scale`: see HELP and docs/scaling.md. */
export async function scaleBench(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let options: Options;
  try {
    options = parseBenchOptions<Options>(
      args,
      { members: 1_000_000, observers: 2_000, postgres: 'postgres://postgres@127.0.0.1:5432', json: false },
      { '--members': 'members', '--observers': 'observers' },
      { '--json': 'json' },
    );
  } catch (error) {
    process.stderr.write(`liquide bench scale: ${(error as Error).message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(`scale bench: load average ${loadAverage()}`);
  const perMember = measureMembers(options.members, log);
  const perObserver = await measureObservers(options, log);
  const report = { members: options.members, ...perMember, ...perObserver, loadAverage: loadAverage() };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      [
        `scale bench (load average ${report.loadAverage})`,
        `  live tally, ${options.members} members:        ${perMember.tallyBytesPerMember} B per member`,
        `  delegation index (${perMember.delegations} delegations): ${perMember.indexBytesPerMember} B per member`,
        `  server RSS, ${perObserver.observers} observers:  ${perObserver.rssBeforeMiB} → ${perObserver.rssAfterMiB} MiB` +
          ` (${perObserver.bytesPerObserver} B per observer)`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}

/** Retained bytes per member of a LiveTally and of a who-delegates-to-whom index like the registry's. */
function measureMembers(members: number, log: (line: string) => void) {
  const gc = exposeGc();
  log(`  building a live tally of ${members} members…`);
  gc();
  const base = retained();
  let delegations = 0;
  // the scenario is the loader's and is released after the build, as in the server
  const built: { tally: LiveTally; index: Map<string, Map<string, number>> | null } | null = (() => {
    const uuid = (id: string) => `00000000-0000-4000-8000-${id.replace(/\D/g, '').padStart(12, '0')}`;
    const generated = generateScenario({ ...DEFAULT_SHAPE, members });
    // the server's ids are UUIDs (36 characters), the generator's are short: rename before building
    const scenario = {
      ...generated,
      members: generated.members.map((m) => ({ ...m, id: uuid(m.id) })),
      delegations: generated.delegations.map((d) => ({ ...d, from: uuid(d.from), to: d.to.map(uuid) })),
      votes: generated.votes.map((v) => ({ ...v, member: uuid(v.member) })),
    };
    delegations = scenario.delegations.length;
    const index = new Map<string, Map<string, number>>();
    for (const d of scenario.delegations) {
      for (const to of d.to) {
        const from = index.get(to) ?? new Map<string, number>();
        from.set(d.from, (from.get(d.from) ?? 0) + 1);
        index.set(to, from);
      }
    }
    return { tally: new LiveTally(scenario), index };
  })();
  gc();
  const withIndex = retained();
  built.index = null;
  gc();
  const tallyOnly = retained();
  const kept = built.tally;
  if (!(kept instanceof LiveTally)) {
    throw new Error('unreachable');
  }
  return {
    delegations,
    tallyBytesPerMember: Math.round((tallyOnly - base) / members),
    indexBytesPerMember: Math.round((withIndex - tallyOnly) / members),
  };
}

/** RSS of the built server before and after `observers` sockets watch one ballot. */
async function measureObservers(options: Options, log: (line: string) => void) {
  const database = `liquide_bench_scale_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: `${options.postgres}/postgres` });
  await admin.connect();
  let server: ServerProcess | undefined;
  const sockets: Socket[] = [];
  try {
    await admin.query(`create database ${database}`);
    server = await startServer(`${options.postgres}/${database}`, null, {
      LIVE_MAX_CONNECTIONS_PER_ADDRESS: String(options.observers + 100),
      LIVE_ADDRESS_EVENTS_PER_SECOND: '1000000',
    });
    const setup = await seed(new Http(server.baseUrl, 16), 10, log, `${options.postgres}/${database}`);
    // one watcher first, so that the ballot's tally and the socket.io machinery are loaded
    sockets.push(await watcher(server.baseUrl, setup.ballotId));
    await settle();
    const rssBeforeMiB = rssMiB(server.pid);
    log(`  connecting ${options.observers} observers…`);
    for (let start = 0; start < options.observers; start += 100) {
      const batch = Math.min(100, options.observers - start);
      sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => watcher(server!.baseUrl, setup.ballotId)))),
      );
    }
    await settle();
    const rssAfterMiB = rssMiB(server.pid);
    return {
      observers: options.observers,
      rssBeforeMiB,
      rssAfterMiB,
      bytesPerObserver: Math.round(((rssAfterMiB - rssBeforeMiB) * 1024 * 1024) / options.observers),
    };
  } finally {
    sockets.forEach((s) => s.disconnect());
    await server?.stop();
    await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

function watcher(baseUrl: string, ballotId: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.emit('ballot:watch', { ballotId }, (answer: { ok: boolean }) =>
        answer.ok ? resolve(socket) : reject(new Error(`watch refused: ${JSON.stringify(answer)}`)),
      );
    });
  });
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2000));
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

function retained(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
