import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LIQUIDE_CONFIG } from '../config/config.module';
import { uuidArray } from '../database/pg-array';
import type { LiquideConfig } from '../config/liquide-config';
import { runInBackground } from '../logging/background';
import type { ChecksumFigures } from './live-checksum';
import { RECONCILE_SQL, type ReconcileRow } from './live-reconciler.sql';
import { LiveTallyRegistry, type Entry } from './live-tally.registry';
import { LiveService } from './live.service';

/** What one round found (kept for the logs, the tests and the figures of docs/scaling.md). */
export interface ReconcileRound {
  readonly ballots: number;
  readonly mismatched: string[];
  /** Ballots reloaded, or closed here after their close was found unannounced. */
  readonly reloaded: string[];
  readonly queryMs: number;
  readonly totalMs: number;
}

/** A round may take at most a tenth of the time between rounds. */
const RECONCILE_COST_FACTOR = 10;

/**
 * The safety net under the announcements (docs/scaling.md): every `LIVE_RECONCILE_INTERVAL_MS`, one
 * statement compares each open ballot this instance holds in memory with PostgreSQL — a count and
 * an order-free checksum of its votes and of the delegations that apply to it, rows written in the
 * last `grace` ms left out on both sides. A ballot that differs twice in a row (a difference seen
 * once may be a withdrawal or a slow commit still being announced) is loaded again from PostgreSQL,
 * as on first use, and its observers get the corrected state as a normal push. A ballot still live
 * here but closed in PostgreSQL twice in a row (its close announcement lost) is closed here: its
 * observers get the final state and `ballot:closed`.
 */
@Injectable()
export class LiveReconciler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveReconciler.name);
  private readonly intervalMs: number;
  private readonly graceMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileRound> | null = null;
  private stopped = false;
  /** Ballots found different in the last round, with how many rounds in a row. */
  private readonly suspects = new Map<string, number>();
  /** The last difference found per suspect ballot, for the log. */
  private readonly differences = new Map<string, string>();
  last: ReconcileRound | null = null;

  constructor(
    private readonly registry: LiveTallyRegistry,
    private readonly live: LiveService,
    private readonly em: EntityManager,
    @Inject(LIQUIDE_CONFIG) config: LiquideConfig,
  ) {
    this.intervalMs = config.live.reconcileIntervalMs;
    // an announcement takes milliseconds; a second covers a busy event loop
    this.graceMs = Math.min(1000, this.intervalMs);
  }

  onModuleInit(): void {
    this.scheduleNext(this.intervalMs);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * The next round comes `LIVE_RECONCILE_INTERVAL_MS` after the end of the last one, or later when a round
   * is costly: at most a tenth of the time goes to comparing (a ballot of a million votes takes PostgreSQL
   * about 1.5 s: rounds 15 s apart rather than 5).
   */
  private scheduleNext(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      runInBackground(this.logger, 'Live reconciliation', async () => {
        try {
          await this.round();
        } finally {
          this.scheduleNext(Math.max(this.intervalMs, RECONCILE_COST_FACTOR * (this.last?.totalMs ?? 0)));
        }
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One round over every ballot in memory; reloads those found different twice in a row. */
  round(): Promise<ReconcileRound> {
    // one round at a time: a call during a round gets that round
    this.running ??= this.compareAll().finally(() => (this.running = null));
    return this.running;
  }

  private async compareAll(): Promise<ReconcileRound> {
    const started = performance.now();
    const entries = new Map(this.registry.loaded().map((entry) => [entry.ballotId, entry]));
    if (entries.size === 0) {
      this.suspects.clear();
      this.differences.clear();
      return (this.last = { ballots: 0, mismatched: [], reloaded: [], queryMs: 0, totalMs: 0 });
    }
    for (const entry of entries.values()) {
      entry.checksums.votes.mark();
      entry.checksums.delegations.mark();
    }
    const mismatched: string[] = [];
    const timing = { queryMs: 0 };
    try {
      const rows = await this.em
        .fork()
        .execute<ReconcileRow[]>(RECONCILE_SQL, [this.graceMs, uuidArray([...entries.keys()])]);
      timing.queryMs = performance.now() - started;
      for (const row of rows) {
        const entry = entries.get(row.ballotId);
        const difference = entry ? this.difference(entry, row) : null;
        if (difference) {
          mismatched.push(row.ballotId);
          this.differences.set(row.ballotId, difference);
        }
      }
    } finally {
      // marks not ended by a comparison end here, whatever the query did
      for (const entry of entries.values()) {
        entry.checksums.votes.settled([]);
        entry.checksums.delegations.settled([]);
      }
    }
    for (const ballotId of this.suspects.keys()) {
      if (!mismatched.includes(ballotId)) {
        this.suspects.delete(ballotId);
        this.differences.delete(ballotId);
      }
    }
    const reloaded: string[] = [];
    for (const ballotId of mismatched) {
      const strikes = (this.suspects.get(ballotId) ?? 0) + 1;
      if (strikes < 2) {
        this.suspects.set(ballotId, strikes);
        continue;
      }
      this.suspects.delete(ballotId);
      const difference = this.differences.get(ballotId);
      this.differences.delete(ballotId);
      const entry = entries.get(ballotId)!;
      if (difference === CLOSED) {
        // its close was never announced here: observers get the final state as after a close
        this.logger.warn(
          `Ballot ${ballotId} closed in PostgreSQL twice in a row, unannounced: final state sent`,
        );
        await this.live.handle(
          {
            type: 'closed',
            origin: 'reconciliation',
            at: Date.now(),
            collectiveId: entry.collectiveId,
            ballotId,
            resultHash: '',
          },
          false,
        );
        reloaded.push(ballotId);
        continue;
      }
      if (await this.registry.reload(ballotId)) {
        reloaded.push(ballotId);
        this.logger.warn(
          `Live tally of ${ballotId} differed from PostgreSQL twice in a row (${difference}): reloaded`,
        );
        this.live.changed(ballotId);
      }
    }
    this.last = {
      ballots: entries.size,
      mismatched,
      reloaded,
      queryMs: timing.queryMs,
      totalMs: performance.now() - started,
    };
    return this.last;
  }

  /**
   * How the entry, as it stood when the round began, differs from PostgreSQL (recent rows aside),
   * as "votes tally/database, delegations …, members …" (count:sum); null when it does not.
   */
  private difference(entry: Entry, row: ReconcileRow): string | null {
    const votes = entry.checksums.votes.settled(row.voteRecent);
    const delegations = entry.checksums.delegations.settled(row.delegationRecent);
    if (this.registry.current(row.ballotId) !== entry || !votes || !delegations) {
      // replaced (or closed) while the query ran: nothing to say
      return null;
    }
    if (row.status !== 'open') {
      // a close is announced too: seen twice in a row, that announcement was lost
      return row.status === 'closed' ? CLOSED : null;
    }
    const database = {
      votes: { count: row.voteCount, sum: row.voteSum },
      delegations: { count: row.delegationCount, sum: row.delegationSum },
      members: { count: row.memberCount, sum: row.memberSum },
    };
    const members = entry.checksums.members;
    if (
      same(votes, database.votes) &&
      same(delegations, database.delegations) &&
      same(members, database.members)
    ) {
      return null;
    }
    return (
      `votes ${figures(votes)}/${figures(database.votes)}, delegations ${figures(delegations)}/` +
      `${figures(database.delegations)}, members ${figures(members)}/${figures(database.members)}`
    );
  }
}

/** The difference of a ballot closed in PostgreSQL whose tally is still live here. */
const CLOSED = 'closed in PostgreSQL';

function same(a: ChecksumFigures, b: ChecksumFigures): boolean {
  return a.count === b.count && a.sum === b.sum;
}

function figures(f: ChecksumFigures): string {
  return `${f.count}:${f.sum}`;
}
