import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ENGINE_ENTITIES, ENGINE_MIGRATIONS, migrate } from '@liquide/engine';
import { RECONCILE_SQL } from '@liquide/engine/live/live-reconciler.sql';
import { USAGE_ERROR } from '../commands/exit-status';
import { parseBenchOptions } from './bench-api';
import { loadAverage } from './hostile';

const HELP = `usage: liquide bench reconcile [--ballots N] [--votes N] [--delegations N] [--rounds N] [--postgres URL] [--json]

The cost of one round of the live tallies' reconciliation with PostgreSQL (docs/scaling.md): on a
throw-away database, one collective of max(--votes, --delegations + 1) members, --delegations global
delegations (default 1,000), --ballots open ballots (default 10) with --votes votes each (default
10,000); runs the reconciliation statement (one per round, for all the ballots) --rounds times
(default 5) and prints the rows it read and its time (median, min).
`;

interface Options {
  ballots: number;
  votes: number;
  delegations: number;
  rounds: number;
  postgres: string;
  json: boolean;
}

/** `liquide bench reconcile`: see HELP and docs/scaling.md. */
export async function reconcileBench(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let options: Options;
  try {
    options = parseBenchOptions<Options>(
      args,
      {
        ballots: 10,
        votes: 10_000,
        delegations: 1_000,
        rounds: 5,
        postgres: 'postgres://postgres@127.0.0.1:5432',
        json: false,
      },
      { '--ballots': 'ballots', '--votes': 'votes', '--delegations': 'delegations', '--rounds': 'rounds' },
      { '--json': 'json' },
    );
  } catch (error) {
    process.stderr.write(`liquide bench reconcile: ${(error as Error).message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const database = `liquide_bench_reconcile_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: `${options.postgres}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
    const url = `${options.postgres}/${database}`;
    await migrate({ url, entities: ENGINE_ENTITIES, migrations: ENGINE_MIGRATIONS });
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      log(`reconcile bench: seeding (load average ${loadAverage()})`);
      const ballotIds = await seedBallots(pg, options);
      await pg.query('analyze');
      const sql = RECONCILE_SQL.replace('?', '$1').replace('?', '$2');
      const times: number[] = [];
      let rows = 0;
      for (let round = 0; round < options.rounds; round += 1) {
        const started = performance.now();
        const result = await pg.query<{ voteCount: number }>(sql, [1000, `{${ballotIds.join(',')}}`]);
        times.push(performance.now() - started);
        rows = result.rows.length;
      }
      times.sort((a, b) => a - b);
      const report = {
        ballots: rows,
        votesPerBallot: options.votes,
        delegations: options.delegations,
        medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
        minMs: Math.round(times[0] * 10) / 10,
        loadAverage: loadAverage(),
      };
      process.stdout.write(
        options.json
          ? `${JSON.stringify(report)}\n`
          : `reconcile bench (load average ${report.loadAverage}): one round over ${rows} open ballots of ` +
              `${options.votes} votes and ${options.delegations} delegations: median ${report.medianMs} ms, ` +
              `min ${report.minMs} ms (${options.rounds} rounds)\n`,
      );
    } finally {
      await pg.end();
    }
    return 0;
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

/** One collective, its members and delegations, and the open ballots with their votes; the ballots' ids. */
async function seedBallots(pg: Client, options: Options): Promise<string[]> {
  const collective = randomUUID();
  const members = Math.max(options.votes, options.delegations + 1);
  await pg.query(
    `insert into collective (id, name, slug, settings, record_secret)
     values ($1, 'bench', $2, '{"delegationCap": null}', 'secret')`,
    [collective, `bench-${collective}`],
  );
  await pg.query(
    `insert into member (id, collective_id, email, display_name)
     select gen_random_uuid(), $1, 'm' || g || '@bench.test', 'M' || g from generate_series(1, $2) g`,
    [collective, members],
  );
  await pg.query(
    `with m as (select id, row_number() over (order by id) as n from member where collective_id = $1)
     insert into delegation (id, collective_id, member_id, scope, target, scope_key, trustees, updated_at)
     select gen_random_uuid(), $1, a.id, 'global', null, 'global', array[b.id], now() - interval '1 hour'
       from m a join m b on b.n = a.n + 1 where a.n <= $2`,
    [collective, options.delegations],
  );
  const ids: string[] = [];
  for (let i = 0; i < options.ballots; i += 1) {
    const bill = randomUUID();
    const ballot = randomUUID();
    await pg.query(
      `insert into bill (id, collective_id, title, summary, articles) values ($1, $2, 'Projet', '', '[]')`,
      [bill, collective],
    );
    await pg.query(
      `insert into ballot (id, collective_id, bill_id, opens_at, closes_at, visibility, mandate_method,
                           mandate_base, deputies, seed, status, opened_at)
       values ($1, $2, $3, now() - interval '1 hour', now() + interval '1 day', 'live', 'largest-remainder',
               'cast', 10, 'seed', 'open', now())`,
      [ballot, collective, bill],
    );
    await pg.query(
      `insert into vote (id, ballot_id, member_id, choice, cast_at)
       select gen_random_uuid(), $1, id, (array['yes', 'no', 'abstain'])[1 + (row_number() over ()) % 3],
              now() - interval '1 minute'
         from (select id from member where collective_id = $2 limit $3) m`,
      [ballot, collective, options.votes],
    );
    ids.push(ballot);
  }
  return ids;
}
