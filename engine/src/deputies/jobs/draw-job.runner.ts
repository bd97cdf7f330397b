import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { LIQUIDE_CONFIG } from '../../config/config.module';
import type { LiquideConfig } from '../../config/liquide-config';
import { LiquideError } from '../../errors/liquide-error';
import { LiveService } from '../../live/live.service';
import { RecordService } from '../../record/record.service';
import { asLiquideError } from '../commands/sortition-errors';
import { Sortition } from '../entities/sortition.entity';
import { SortitionError, type SortitionErrorKind } from '../sortition/quotas';
import type { DrawJobProgress, DrawJobView } from './draw-job.contract';
import { drawJobs, viewOf, type DrawJobRow } from './draw-job.store';
import { DrawJobErrorCode } from './draw-jobs.errors';
import { startDrawWorker, type DrawWorkerEnd, type RunningDraw } from './draw-worker-host';
import { drawInputOf, proofContextOf, publishDraw } from './publish-draw';

/** Progress is stored and pushed at most this often per job (the last state always goes out). */
export const PROGRESS_INTERVAL_MS = 500;

interface LocalJob {
  readonly row: DrawJobRow;
  readonly startedAt: number;
  draw?: RunningDraw;
  latest: DrawJobProgress;
  lastWrite: number;
  timer?: NodeJS.Timeout;
  /** Cancelled, taken by another instance, or this process is stopping: its end is not ours to publish. */
  stopped: boolean;
}

/**
 * Runs draw jobs (docs/sortition.md, "Draw as a job"). Each process claims queued jobs — and running ones
 * whose lease ran out, left by a dead process — up to `SORTITION_JOB_WORKERS` at once, computes each in a
 * worker thread, renews its leases every third of `SORTITION_JOB_LEASE_MS`, stores and pushes the progress
 * at a bounded rate, and publishes the result in one transaction that first checks it still owns the job:
 * a result is stored once, whoever computed it.
 */
@Injectable()
export class DrawJobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DrawJobRunner.name);
  /** This process, as the `owner` of the jobs it runs. */
  readonly owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly local = new Map<string, LocalJob>();
  private readonly pending = new Set<Promise<unknown>>();
  private poller?: NodeJS.Timeout;
  private ticking = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly live: LiveService,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  private get leaseMs(): number {
    return this.config.sortition.jobLeaseMs;
  }

  onApplicationBootstrap(): void {
    this.poller = setInterval(() => this.kick(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.poller.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    await Promise.all([...this.local.keys()].map((id) => this.stopLocal(id)));
    await Promise.allSettled([...this.pending]);
    // handed back at once: the next process (or another instance) starts them again without waiting
    await drawJobs
      .release(this.em.fork(), this.owner)
      .catch((error: unknown) => this.failed('release', error));
  }

  /** Looks for work now (a job was queued) rather than at the next poll. */
  kick(): void {
    if (this.closed) {
      return;
    }
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    this.track(
      this.tick()
        .catch((error: unknown) => this.failed('poll', error))
        .finally(() => {
          this.ticking = false;
          if (this.again) {
            this.again = false;
            this.kick();
          }
        }),
    );
  }

  /** Stops a job's worker in this process, if it runs here (cancelled, or no longer ours). */
  async stopLocal(jobId: string): Promise<void> {
    const job = this.local.get(jobId);
    if (!job) {
      return;
    }
    job.stopped = true;
    clearTimeout(job.timer);
    this.local.delete(jobId);
    await job.draw?.terminate();
  }

  /** Sends a job's state to the organisers of its collective (their own sockets, on every instance). */
  push(view: DrawJobView): void {
    this.track(
      this.em
        .fork()
        .execute<{ id: string }[]>(
          `select id from member where collective_id = ? and active and 'organiser' = any(roles)`,
          [view.collectiveId],
        )
        .then((rows) =>
          this.live.toMembers(
            rows.map((row) => row.id),
            'sortition:job',
            view,
          ),
        )
        .catch((error: unknown) => this.failed('push', error)),
    );
  }

  private async tick(): Promise<void> {
    const em = this.em.fork();
    const held = await drawJobs.renew(em, this.owner, [...this.local.keys()], this.leaseMs);
    for (const id of [...this.local.keys()]) {
      if (!held.has(id)) {
        await this.stopLocal(id);
      }
    }
    while (!this.closed && this.local.size < this.config.sortition.workers) {
      const job = await drawJobs.claim(em, this.owner, this.leaseMs);
      if (!job) {
        return;
      }
      await this.run(job);
    }
  }

  private async run(row: DrawJobRow): Promise<void> {
    const job: LocalJob = { row, startedAt: Date.now(), latest: row.progress!, lastWrite: 0, stopped: false };
    this.local.set(row.id, job);
    this.push(viewOf(row));
    let sortition: Sortition | null;
    try {
      sortition = await this.em.fork().findOne(Sortition, { id: row.sortition_id });
    } catch (error) {
      // not renewed any more: its lease runs out and a later poll (here or elsewhere) tries again
      this.local.delete(row.id);
      throw error;
    }
    if (!sortition || sortition.status !== 'committed') {
      // drawn already (by an earlier attempt): nothing to compute, the finish below is idempotent
      this.track(this.ended(job, { type: 'failed', message: 'the sortition is not committed' }));
      return;
    }
    // the worker seals the proof as well: drawnAt is the request's time, so it is known now
    const input = {
      ...drawInputOf(sortition, row.seed, row.public_value),
      proof: proofContextOf(sortition, row.seed, row.public_value, new Date(row.requested_at)),
    };
    const draw = startDrawWorker(input, (progress) =>
      this.progressed(job, { ...progress, elapsedMs: Date.now() - job.startedAt }),
    );
    job.draw = draw;
    if (job.stopped) {
      await draw.terminate();
      return;
    }
    this.track(draw.ended.then((end) => this.ended(job, end)));
  }

  private progressed(job: LocalJob, progress: DrawJobProgress): void {
    job.latest = progress;
    if (job.timer || job.stopped) {
      return;
    }
    const wait = Math.max(0, job.lastWrite + PROGRESS_INTERVAL_MS - Date.now());
    job.timer = setTimeout(() => {
      job.timer = undefined;
      this.track(this.writeProgress(job));
    }, wait);
  }

  private async writeProgress(job: LocalJob): Promise<void> {
    if (job.stopped) {
      return;
    }
    job.lastWrite = Date.now();
    try {
      const row = await drawJobs.progress(this.em.fork(), this.owner, job.row.id, job.latest, this.leaseMs);
      if (!row) {
        await this.stopLocal(job.row.id);
        return;
      }
      this.push(viewOf(row));
    } catch (error) {
      this.failed('progress', error);
    }
  }

  private async ended(job: LocalJob, end: DrawWorkerEnd): Promise<void> {
    clearTimeout(job.timer);
    if (job.stopped) {
      return;
    }
    this.local.delete(job.row.id);
    const progress = { ...job.latest, elapsedMs: Date.now() - job.startedAt };
    try {
      const row = await this.em.fork().transactional(async (em) => {
        const current = await drawJobs.byId(em, job.row.sortition_id, job.row.id, true);
        if (!current || current.status !== 'running' || current.owner !== this.owner) {
          return null;
        }
        const sortition = await em.findOne(
          Sortition,
          { id: job.row.sortition_id },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (sortition?.status === 'drawn' && sortition.proof) {
          return drawJobs.finish(em, this.owner, job.row.id, {
            status: 'done',
            proofHash: sortition.proof.proofHash,
            progress,
          });
        }
        if (end.type === 'done' && sortition?.status === 'committed') {
          const published = await publishDraw(em, this.record, sortition, {
            seed: current.seed,
            publicValue: current.public_value,
            drawnAt: new Date(current.requested_at),
            outcome: end.outcome,
            proof: end.proof,
          }).catch((error: unknown) => this.unpublished(error));
          return drawJobs.finish(
            em,
            this.owner,
            job.row.id,
            'proofHash' in published
              ? { status: 'done', proofHash: published.proofHash, progress }
              : { status: 'failed', error: published, progress },
          );
        }
        return drawJobs.finish(em, this.owner, job.row.id, {
          status: 'failed',
          error: await this.errorOf(end),
          progress,
        });
      });
      if (row) {
        this.push(viewOf(row));
      }
    } catch (error) {
      // not published: the lease runs out and the job is computed again (same inputs, same proof)
      this.failed(`finish of job ${job.row.id}`, error);
    } finally {
      this.kick();
    }
  }

  private async errorOf(end: DrawWorkerEnd): Promise<NonNullable<DrawJobRow['error']>> {
    if (end.type === 'refused') {
      const refusal = await asLiquideError(() =>
        Promise.reject(new SortitionError(end.kind as SortitionErrorKind, end.params)),
      ).catch((error: unknown) => error);
      if (refusal instanceof LiquideError) {
        const { field, params } = refusal.options;
        return {
          code: refusal.code,
          ...(field ? { field } : {}),
          ...(params ? { params: { ...params } } : {}),
        };
      }
    }
    if (end.type === 'unverified') {
      return this.unpublished(
        new LiquideError(DrawJobErrorCode.ProofUnverified, { params: { difference: end.difference } }),
      );
    }
    if (end.type === 'failed') {
      this.logger.error(`Draw worker failed: ${end.message}`);
    }
    return { code: DrawJobErrorCode.WorkerFailed };
  }

  /** A proof that failed its own verification ends the job (nothing published); anything else is rethrown. */
  private unpublished(error: unknown): NonNullable<DrawJobRow['error']> {
    if (!(error instanceof LiquideError) || error.code !== (DrawJobErrorCode.ProofUnverified as string)) {
      throw error;
    }
    const difference = String(error.options.params?.difference ?? '');
    this.logger.error(`Draw not published: its proof failed verification: ${difference}`);
    return { code: error.code, params: { difference } };
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private failed(what: string, error: unknown): void {
    this.logger.error(
      `Draw jobs (${what}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
