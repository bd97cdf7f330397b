import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Http, seed } from '../bench/bench-api';
import { startServer, type ServerProcess } from '../bench/votes-server';

/** What to run: how many members vote, how fast, and how many times the server is killed. */
export interface CrashOptions {
  readonly databaseUrl: string;
  readonly members: number;
  /** Votes sent per second (first sends and retries alike). */
  readonly ratePerSecond: number;
  readonly kills: number;
  readonly log: (line: string) => void;
  /** Give up waiting for the last acknowledgements after this long. */
  readonly timeoutS?: number;
}

/** The outcome: what was sent, what survived, and whether every acknowledged vote counts once. */
export interface CrashReport {
  readonly members: number;
  readonly kills: number;
  readonly sent: number;
  readonly retries: number;
  readonly acknowledged: number;
  readonly replayed: number;
  readonly durationS: number;
  readonly restartS: readonly number[];
  readonly stored: { readonly votes: number; readonly requests: number; readonly events: number };
  readonly wrongChoices: number;
  readonly ok: boolean;
}

const CHOICES = ['yes', 'no', 'abstain'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Receipt {
  choice: string;
  requestId: string;
  replayed: boolean;
}

/**
 * Starts the built server as a child process, has every member vote once over HTTP at a steady
 * rate (each with a fixed requestId), SIGKILLs the server `kills` times at random moments and
 * restarts it, and re-sends every unanswered vote with the same requestId until all are answered.
 * Then counts in PostgreSQL: one vote, one request and one `vote.cast` event per member, each
 * vote with the choice its acknowledgement named.
 */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const { members, ratePerSecond, kills, log } = options;
  // one data directory for every start: the signing key survives restarts, like a real deployment
  const dataDir = mkdtempSync(join(tmpdir(), 'liquide-crash-'));
  const env = { LIQUIDE_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  let server: ServerProcess | undefined = await startServer(options.databaseUrl, null, env);
  let api = new Http(server.baseUrl, 64);
  try {
    const setup = await seed(api, members, log, options.databaseUrl);
    const path = `/api/ballots/${setup.ballotId}/vote`;
    const acknowledged = new Map<number, Receipt>();
    const inFlight = new Set<number>();
    let sent = 0;
    let retries = 0;
    let replayed = 0;
    const statuses: Record<string, number> = {};
    let refusal: string | undefined;
    const attempts = new Array<number>(members).fill(0);
    const vote = async (member: number, client: Http): Promise<void> => {
      inFlight.add(member);
      sent++;
      retries += attempts[member]++ > 0 ? 1 : 0;
      try {
        const reply = await client.call('PUT', path, setup.tokens[member], {
          choice: CHOICES[member % 3],
          requestId: `crash-vote-${member}`,
        });
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
        if (reply.status >= 400 && reply.status < 500) {
          refusal ??= `member ${member}: ${reply.status} ${reply.body.slice(0, 300)}`;
        }
        if (reply.status === 200) {
          const receipt = JSON.parse(reply.body) as Receipt;
          replayed += receipt.replayed ? 1 : 0;
          acknowledged.set(member, receipt);
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'error';
        statuses[code] = (statuses[code] ?? 0) + 1;
        // no answer (killed, refused, reset): sent again later with the same requestId
      } finally {
        inFlight.delete(member);
      }
    };

    const plannedS = members / ratePerSecond;
    // kill points spread over the run by progress (acknowledged votes), each at a random count
    const killAfter = Array.from({ length: kills }, () =>
      Math.floor((0.05 + 0.9 * Math.random()) * members),
    ).sort((a, b) => a - b);
    log(
      `crash test: ${members} members at ${ratePerSecond}/s (~${plannedS.toFixed(1)} s), SIGKILL after ${killAfter.join(', ')} acknowledged votes`,
    );
    const started = performance.now();
    const restartS: number[] = [];
    const killer = (async () => {
      for (const after of killAfter) {
        while (acknowledged.size < after) {
          await sleep(5);
        }
        // at a moment when a vote is on its way, so that some die between commit and answer
        for (let waited = 0; inFlight.size === 0 && waited < 1000; waited++) {
          await sleep(1);
        }
        process.kill(server.pid, 'SIGKILL');
        await server.stop();
        const t0 = performance.now();
        server = await startServer(options.databaseUrl, null, env);
        const old = api;
        api = new Http(server.baseUrl, 64);
        old.close();
        restartS.push((performance.now() - t0) / 1000);
        log(
          `  killed and restarted (${restartS.at(-1)!.toFixed(1)} s down), ${acknowledged.size} acknowledged`,
        );
      }
    })();
    const deadline = started + (options.timeoutS ?? 60 + plannedS * 2) * 1000;
    let cursor = 0;
    const pending: Promise<void>[] = [];
    while (acknowledged.size < members) {
      if (refusal) {
        throw new Error(`a vote was refused, not lost: ${refusal}`);
      }
      if (performance.now() > deadline) {
        throw new Error(
          `only ${acknowledged.size} of ${members} votes acknowledged in time; answers: ${JSON.stringify(statuses)}`,
        );
      }
      // clients keep trying while the server is down: those attempts fail and are sent again
      await sleep(1000 / ratePerSecond);
      // next member without an acknowledgement and without a request in flight
      for (let step = 0; step < members; step++) {
        const member = (cursor + step) % members;
        if (!acknowledged.has(member) && !inFlight.has(member)) {
          cursor = member + 1;
          pending.push(vote(member, api));
          break;
        }
      }
    }
    await killer;
    await Promise.all(pending);
    const durationS = (performance.now() - started) / 1000;
    api.close();
    const { stored, wrongChoices } = await verify(options.databaseUrl, setup.ballotId, acknowledged);
    const ok =
      stored.votes === members &&
      stored.requests === members &&
      stored.events === members &&
      wrongChoices === 0;
    return {
      members,
      kills,
      sent,
      retries,
      acknowledged: acknowledged.size,
      replayed,
      durationS: Math.round(durationS * 10) / 10,
      restartS: restartS.map((s) => Math.round(s * 10) / 10),
      stored,
      wrongChoices,
      ok,
    };
  } finally {
    await server?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Counts what PostgreSQL kept for the ballot, and the votes whose choice is not the acknowledged one. */
async function verify(databaseUrl: string, ballotId: string, acknowledged: Map<number, Receipt>) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql: string) => Number((await db.query<{ n: string }>(sql, [ballotId])).rows[0].n);
    const stored = {
      votes: await one('select count(*) n from vote where ballot_id = $1'),
      requests: await one('select count(*) n from vote_request where ballot_id = $1'),
      events: await one(
        `select count(*) n from record_event where type = 'vote.cast' and payload->>'ballotId' = $1`,
      ),
    };
    const rows = await db.query<{ email: string; choice: string; request_id: string }>(
      `select m.email, v.choice, r.request_id from vote v join member m on m.id = v.member_id
         left join vote_request r on r.member_id = v.member_id and r.ballot_id = v.ballot_id
        where v.ballot_id = $1`,
      [ballotId],
    );
    let wrongChoices = 0;
    for (const row of rows.rows) {
      const member = Number(/^voter(\d+)@/.exec(row.email)?.[1] ?? -1);
      const receipt = acknowledged.get(member);
      if (!receipt || receipt.choice !== row.choice || row.request_id !== `crash-vote-${member}`) {
        wrongChoices++;
      }
    }
    return { stored, wrongChoices };
  } finally {
    await db.end();
  }
}
