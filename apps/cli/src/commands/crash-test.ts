import { Client } from 'pg';
import { runCrashTest } from '../reliability/crash-run';
import { USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide crash-test [--members N] [--rate N] [--kills N] [--postgres URL] [--json]

Casts one vote per member over HTTP at --rate votes per second (default 50) from --members members
(default 2,000), each with a fixed requestId, against the built server (apps/server/dist/main.js)
started as a child process on a throw-away database of --postgres (default
postgres://postgres@127.0.0.1:5432). Kills the server with SIGKILL --kills times (default 10) at
random moments and restarts it; every vote left unanswered is sent again with the same requestId.
Afterwards checks in PostgreSQL: one vote, one request and one vote.cast record event per member,
each with the acknowledged choice. Exit status 0 when every acknowledged vote counts exactly once.
Run "npm run build" first.
`;

interface Options {
  members: number;
  rate: number;
  kills: number;
  postgres: string;
  json: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = {
    members: 2000,
    rate: 50,
    kills: 10,
    postgres: 'postgres://postgres@127.0.0.1:5432',
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--json') {
      options.json = true;
    } else if (arg === '--postgres' && value) {
      options.postgres = value.replace(/\/+$/, '');
      i++;
    } else if ((arg === '--members' || arg === '--rate' || arg === '--kills') && Number(value) >= 0) {
      options[arg.slice(2) as 'members' | 'rate' | 'kills'] = Number(value);
      i++;
    } else {
      throw new Error(`unknown or incomplete option "${arg}"`);
    }
  }
  if (options.members < 1 || options.rate <= 0) {
    throw new Error('--members and --rate must be greater than 0');
  }
  return options;
}

/** `liquide crash-test`: see HELP and docs/reliability.md. */
export async function crashTestCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    process.stderr.write(`liquide crash-test: ${(error as Error).message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const database = `liquide_crash_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: `${options.postgres}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
    const report = await runCrashTest({
      databaseUrl: `${options.postgres}/${database}`,
      members: options.members,
      ratePerSecond: options.rate,
      kills: options.kills,
      log,
    });
    process.stdout.write(
      options.json
        ? `${JSON.stringify(report)}\n`
        : `crash test: ${report.ok ? 'PASSED' : 'FAILED'}
  members ${report.members}, kills ${report.kills}, duration ${report.durationS} s (restarts: ${report.restartS.join(', ')} s)
  sent ${report.sent} requests (${report.retries} retries), ${report.acknowledged} acknowledged, ${report.replayed} answered from the idempotency key
  stored: ${report.stored.votes} votes, ${report.stored.requests} request ids, ${report.stored.events} vote.cast events; ${report.wrongChoices} with another choice than acknowledged
`,
    );
    return report.ok ? 0 : 1;
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`).catch((error: unknown) => {
      log(`could not drop ${database}: ${String(error)}`);
    });
    await admin.end();
  }
}
