import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { loadBallotSnapshot } from '../ballots/scenario-builder';
import { apportion, LiveTally, type ApportionMethod, type Choice, type Scope } from '../tally';
import { methodResultFrom, type MethodSpec } from '../ballot-methods';
import { resultFigures } from '../ballots/result-figures';
import type { TallyState } from './live.contract';
import { checksumsOf, recordChange, type TallyChecksums } from './live-tally.checksums';
import { link, type ReverseIndex } from './reverse-index';

/** A change to apply to the live tallies, as carried by domain events (local or from Redis). */
export type LiveChange =
  | {
      kind: 'vote';
      ballotId: string;
      memberId: string;
      choice: Choice | { readonly ballot: unknown } | null;
      at: number;
    }
  | {
      kind: 'delegation';
      collectiveId: string;
      memberId: string;
      scope: Scope;
      target: string | null;
      trustees: readonly string[] | null;
      previousTrustees: readonly string[];
      expiresAt: string | null;
      at: number;
    };

export interface Entry {
  readonly ballotId: string;
  readonly visibility: 'live' | 'after-vote' | 'after-close';
  readonly reverse: ReverseIndex;
  readonly collectiveId: string;
  readonly billId: string;
  readonly topicId: string | null;
  readonly deputies: number;
  readonly method: ApportionMethod;
  readonly base: 'cast' | 'members';
  readonly seed: string;
  readonly tally: LiveTally;
  /**
   * A method ballot's method and its voters' ballots (each voter stands as `yes` in `tally`, which
   * carries the weights through delegations); null on a yes / no / abstain ballot.
   */
  readonly ballotMethod: {
    readonly spec: MethodSpec & { seed: string };
    readonly ballots: Map<string, unknown>;
  } | null;
  version: number;
  changedAt: number;
  /** Commit time of the oldest change not pushed yet (null when all were pushed). */
  pendingSince: number | null;
  /** The last state computed, reused while nothing changed. */
  computed: TallyState | null;
  /** What this tally has applied, to compare with PostgreSQL (see `LiveReconciler`). */
  readonly checksums: TallyChecksums;
}

interface Loading {
  readonly promise: Promise<Entry | null>;
  readonly queued: LiveChange[];
  /** Set when the ballot is dropped while loading: the load is then thrown away. */
  cancelled: boolean;
}

/**
 * The live tally of each open ballot someone watches, kept in memory and updated incrementally
 * by the tally core as changes arrive. Loaded once from PostgreSQL; changes that arrive during the
 * load are replayed after it (they are idempotent: set a vote, set a delegation).
 */
@Injectable()
export class LiveTallyRegistry {
  private readonly logger = new Logger(LiveTallyRegistry.name);
  private readonly entries = new Map<string, Entry>();
  /** Last version of a ballot whose tally was dropped for a reload, so versions keep growing. */
  private readonly versions = new Map<string, number>();
  private readonly loading = new Map<string, Loading>();

  constructor(private readonly em: EntityManager) {}

  /** The live entry of an open ballot, loading it on first use; null when the ballot is not open. */
  async get(ballotId: string): Promise<Entry | null> {
    const known = this.entries.get(ballotId);
    if (known) {
      return known;
    }
    const pending = this.loading.get(ballotId);
    if (pending) {
      return pending.promise;
    }
    return this.startLoad(ballotId);
  }

  /** The entry in memory now, without loading it. */
  current(ballotId: string): Entry | undefined {
    return this.entries.get(ballotId);
  }

  /** The entries in memory now (ballots being loaded for the first time are not among them). */
  loaded(): Entry[] {
    return [...this.entries.values()];
  }

  /**
   * Loads an entry again from PostgreSQL and puts it in place of the current one, whose state
   * observers keep getting meanwhile. Changes that arrive during the load are applied to the current
   * entry and queued for the new one, as on a first load (setting a vote or a delegation to what it
   * is changes nothing, so a change the snapshot already has is not counted twice). The new entry's
   * version follows the current one's. Resolves to the new entry, or null when there was nothing to
   * reload (not in memory, already loading, or the ballot is no longer open).
   */
  async reload(ballotId: string): Promise<Entry | null> {
    if (!this.entries.has(ballotId) || this.loading.has(ballotId)) {
      return null;
    }
    return this.startLoad(ballotId);
  }

  /** Forgets a ballot (closed, or nobody watches any more). */
  drop(ballotId: string): void {
    this.entries.delete(ballotId);
    const pending = this.loading.get(ballotId);
    if (pending) {
      pending.cancelled = true;
      this.loading.delete(ballotId);
    }
  }

  private startLoad(ballotId: string): Promise<Entry | null> {
    const pending: Loading = {
      queued: [],
      cancelled: false,
      promise: this.load(ballotId).then(
        (entry) => this.loadedOne(ballotId, entry, pending),
        (error: unknown) => {
          if (!pending.cancelled) {
            this.loading.delete(ballotId);
          }
          throw error;
        },
      ),
    };
    this.loading.set(ballotId, pending);
    return pending.promise;
  }

  private loadedOne(ballotId: string, entry: Entry | null, pending: Loading): Entry | null {
    if (pending.cancelled) {
      return null;
    }
    this.loading.delete(ballotId);
    const current = this.entries.get(ballotId);
    if (!entry) {
      // not open any more: the close (its own message) ends the current entry, if any
      return current ?? null;
    }
    for (const change of pending.queued) {
      this.applyTo(entry, change);
    }
    if (current) {
      // a reload: its state is pushed as a change (see LiveReconciler)
      entry.version = Math.max(entry.version, current.version + 1);
      entry.pendingSince ??= entry.changedAt;
    }
    this.entries.set(ballotId, entry);
    return entry;
  }

  /** Applies a change to every loaded tally it concerns; returns the ids of the ballots that changed. */
  apply(change: LiveChange): string[] {
    for (const [ballotId, pending] of this.loading) {
      if (change.kind === 'delegation' || change.ballotId === ballotId) {
        pending.queued.push(change);
      }
    }
    const changed: string[] = [];
    for (const entry of this.entries.values()) {
      if (this.applyTo(entry, change)) {
        changed.push(entry.ballotId);
      }
    }
    return changed;
  }

  /** The state of a ballot already in memory, without loading it (null when it is not loaded). */
  peekState(ballotId: string): TallyState | null {
    const entry = this.entries.get(ballotId);
    return entry ? this.state(entry) : null;
  }

  /** The state observers see now. */
  state(entry: Entry): TallyState {
    const known = entry.computed;
    if (
      known?.version === entry.version &&
      known.oldestChangeAt === (entry.pendingSince ?? entry.changedAt)
    ) {
      return known;
    }
    const stats = entry.tally.stats();
    if (entry.ballotMethod) {
      entry.computed = {
        ballotId: entry.ballotId,
        status: 'open',
        version: entry.version,
        ...resultFigures(methodResultFrom(entry.tally, entry.ballotMethod.ballots, entry.ballotMethod.spec)),
        turnout: stats.turnout,
        delegatedShare: stats.delegatedShare,
        final: false,
        changedAt: entry.changedAt,
        oldestChangeAt: entry.pendingSince ?? entry.changedAt,
      };
      return entry.computed;
    }
    const totals = entry.tally.totals();
    const counts: Record<string, number> = { yes: totals.yes, no: totals.no, abstain: totals.abstain };
    if (entry.base === 'members') {
      counts.absent = totals.absent;
    }
    const anyWeight = Object.values(counts).some((value) => value > 0);
    const seats = anyWeight ? apportion(scaled(counts), entry.deputies, entry.method, entry.seed) : null;
    entry.computed = {
      ballotId: entry.ballotId,
      status: 'open',
      version: entry.version,
      totals,
      seats: seats as TallyState['seats'],
      turnout: stats.turnout,
      delegatedShare: stats.delegatedShare,
      final: false,
      changedAt: entry.changedAt,
      oldestChangeAt: entry.pendingSince ?? entry.changedAt,
    };
    return entry.computed;
  }

  /** The state to push now: as `state`, and the changes it shows count as pushed. */
  takeState(entry: Entry): TallyState {
    const state = this.state(entry);
    entry.pendingSince = null;
    return state;
  }

  /** Members whose vote the voter now carries: a walk back along delegations, in memory, bounded. */
  carriedBy(entry: Entry, voterId: string, limit = 5000): string[] {
    const found: string[] = [];
    const seen = new Set([voterId]);
    const queue = [voterId];
    for (let head = 0; head < queue.length && found.length < limit; head += 1) {
      for (const id of entry.reverse.get(queue[head])?.keys() ?? []) {
        if (seen.has(id)) {
          continue;
        }
        seen.add(id);
        const representation = entry.tally.representation(id);
        if (representation.status === 'represented' && representation.voter === voterId) {
          found.push(id);
          queue.push(id);
        }
      }
    }
    return found;
  }

  private applyTo(entry: Entry, change: LiveChange): boolean {
    try {
      if (change.kind === 'vote') {
        if (change.ballotId !== entry.ballotId) {
          return false;
        }
        if (change.choice === null) {
          entry.tally.withdrawVote(change.memberId);
          entry.ballotMethod?.ballots.delete(change.memberId);
        } else if (typeof change.choice === 'string') {
          entry.tally.castVote(change.memberId, change.choice);
        } else {
          entry.tally.castVote(change.memberId, 'yes');
          entry.ballotMethod?.ballots.set(change.memberId, change.choice.ballot);
        }
      } else {
        if (change.collectiveId !== entry.collectiveId || !this.concerns(entry, change)) {
          return false;
        }
        const topic = change.scope === 'topic' && change.target ? { topic: change.target } : {};
        link(entry.reverse, change.memberId, change.previousTrustees, -1);
        link(entry.reverse, change.memberId, change.trustees ?? [], 1);
        if (change.trustees === null) {
          entry.tally.revokeDelegation(change.memberId, change.scope, topic.topic);
        } else {
          entry.tally.setDelegation({
            from: change.memberId,
            scope: change.scope,
            ...topic,
            to: change.trustees,
            ...(change.expiresAt ? { expiresAt: change.expiresAt } : {}),
          });
        }
      }
    } catch (error) {
      // A member unknown to this snapshot (added after it was loaded): reload it from PostgreSQL,
      // which has the change, when it is next pushed; versions carry on from this one.
      this.logger.log(`Live tally of ${entry.ballotId} reloads: ${String(error)}`);
      this.versions.set(entry.ballotId, entry.version);
      if (this.entries.get(entry.ballotId) === entry) {
        this.entries.delete(entry.ballotId);
      }
      return true;
    }
    recordChange(entry.checksums, change);
    entry.version += 1;
    entry.changedAt = Math.max(entry.changedAt, change.at);
    entry.pendingSince = Math.min(entry.pendingSince ?? change.at, change.at);
    return true;
  }

  private concerns(entry: Entry, change: Extract<LiveChange, { kind: 'delegation' }>): boolean {
    switch (change.scope) {
      case 'global':
        return true;
      case 'topic':
        return change.target === entry.topicId;
      case 'bill':
        return change.target === entry.billId;
    }
  }

  private async load(ballotId: string): Promise<Entry | null> {
    const em = this.em.fork();
    const [row] = await em.execute<
      {
        status: string;
        deputies: number;
        mandate_method: ApportionMethod;
        mandate_base: 'cast' | 'members';
        seed: string;
        visibility: Entry['visibility'];
      }[]
    >('select status, deputies, mandate_method, mandate_base, seed, visibility from ballot where id = ?', [
      ballotId,
    ]);
    if (!row || row.status !== 'open') {
      return null;
    }
    const snapshot = await loadBallotSnapshot(em, ballotId, new Date());
    if (!snapshot) {
      return null;
    }
    const scenario = snapshot.scenario;
    const reverse: ReverseIndex = new Map();
    for (const delegation of scenario.delegations) {
      link(reverse, delegation.from, delegation.to, 1);
    }
    const version = Math.max(this.versions.get(ballotId) ?? 0, this.entries.get(ballotId)?.version ?? 0) + 1;
    return {
      ballotId,
      visibility: row.visibility,
      reverse,
      collectiveId: snapshot.collectiveId,
      billId: scenario.bill.id,
      topicId: scenario.bill.topic ?? null,
      deputies: row.deputies,
      method: row.mandate_method,
      base: row.mandate_base,
      seed: row.seed,
      tally: laidOut(new LiveTally(scenario)),
      ballotMethod: snapshot.method,
      version,
      changedAt: Date.now(),
      pendingSince: null,
      computed: null,
      checksums: checksumsOf(scenario, snapshot.method),
    };
  }
}

/**
 * A tally kept for the ballot's whole life: one full search at the build lays its members out in
 * breadth-first order, which makes every later update and search several times faster (the build
 * alone, for a one-off result, leaves them in scenario order).
 */
function laidOut(tally: LiveTally): LiveTally {
  tally.recompute();
  return tally;
}

/** Weights in exact integer micro-units, as the tally core apportions them. */
function scaled<K extends string>(counts: Record<K, number>): Record<K, bigint> {
  const out = {} as Record<K, bigint>;
  for (const key of Object.keys(counts) as K[]) {
    out[key] = BigInt(Math.round(counts[key] * 1_000_000));
  }
  return out;
}
