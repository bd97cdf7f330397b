import type { VoteReceipt } from './commands/cast-vote.command';
import { isDatabaseUnavailable } from '../errors/database-errors';
import type { Refusal } from './vote-refusal';

/** What `liquide_cast_vote` answers for one vote. */
export type VoteOutcome =
  | Refusal
  | { replayed: true; receipt: VoteReceipt }
  | { replayed: false; receipt: VoteReceipt; collectiveId: string; memberId: string };

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: { outcome: VoteOutcome }[] }>;
}

/** The ORM's connection pool (knex's client), borrowed for the hottest path of the server. */
export interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/** One vote as the vote function takes it: `choice` is yes / no / abstain or a method ballot's canonical JSON. */
export interface VoteRequest {
  readonly ballotId: string;
  readonly accountId: string;
  readonly choice: string;
  readonly requestId: string;
}

interface Pending {
  readonly command: VoteRequest;
  resolve(outcome: VoteOutcome): void;
  reject(error: unknown): void;
}

const ONE = 'select liquide_cast_vote($1::uuid, $2::uuid, $3, $4) as outcome';
const MANY = `select liquide_cast_vote(t.ballot, t.account, t.choice, t.request) as outcome
  from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) with ordinality as t(ballot, account, choice, request, n)
  order by t.n`;

/**
 * Sends votes to PostgreSQL in as few transactions as the load allows, each committed before any of
 * its votes is answered. Up to `inFlight` statements run at once; votes that arrive while they all
 * run wait and go together in the next one (one round trip and one commit for the lot). At low load
 * a vote goes alone and at once. Refusals are answers of the function, not errors, so one refused
 * vote never fails the others; an unexpected error fails the batch, whose votes are then sent one
 * by one (each alone decides its own fate) — unless the database itself is away, which fails them all
 * at once with `common.database_unavailable`.
 */
export class VoteBatcher {
  private readonly queue: Pending[] = [];
  private running = 0;

  constructor(
    private readonly pool: PoolClient,
    private readonly inFlight = 8,
    private readonly maxBatch = 200,
  ) {}

  cast(command: VoteRequest): Promise<VoteOutcome> {
    return new Promise<VoteOutcome>((resolve, reject) => {
      this.queue.push({ command, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running += 1;
      void this.send(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.run(batch);
      batch.forEach((pending, i) => pending.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        // a lost database fails every vote of the batch alike: retrying them one by one would
        // only multiply the wait (none was committed: the statement's commit is its answer)
        batch.forEach((pending) => pending.reject(error));
        return;
      }
      for (const pending of batch) {
        await this.run([pending]).then(
          ([outcome]) => pending.resolve(outcome),
          (single: unknown) => pending.reject(single),
        );
      }
    }
  }

  private async run(batch: Pending[]): Promise<VoteOutcome[]> {
    const connection = await this.pool.acquireConnection();
    try {
      if (batch.length === 1) {
        const { command } = batch[0];
        const result = await connection.query(ONE, [
          command.ballotId,
          command.accountId,
          command.choice,
          command.requestId,
        ]);
        return [result.rows[0].outcome];
      }
      const result = await connection.query(MANY, [
        batch.map((p) => p.command.ballotId),
        batch.map((p) => p.command.accountId),
        batch.map((p) => p.command.choice),
        batch.map((p) => p.command.requestId),
      ]);
      if (result.rows.length !== batch.length) {
        throw new Error(`vote batch: ${result.rows.length} outcomes for ${batch.length} votes`);
      }
      return result.rows.map((row) => row.outcome);
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }
}
