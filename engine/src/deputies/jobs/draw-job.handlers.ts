import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LiquideError } from '../../errors/liquide-error';
import { lockedSortition } from '../commands/sortition.handlers';
import { CancelDrawCommand, StartDrawCommand } from './draw-job.commands';
import { DrawJobRunner } from './draw-job.runner';
import { drawJobs, viewOf } from './draw-job.store';
import { DrawJobErrorCode } from './draw-jobs.errors';
import { revealedSeed } from './publish-draw';

@CommandHandler(StartDrawCommand)
export class StartDrawHandler implements ICommandHandler<StartDrawCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly runner: DrawJobRunner,
  ) {}

  async execute({ sortitionId, byMemberId, input }: StartDrawCommand) {
    const row = await this.em
      .fork()
      .transactional(async (em) => {
        const sortition = await lockedSortition(em, sortitionId, 'committed');
        const seed = revealedSeed(sortition, input.seed);
        const active = await drawJobs.active(em, sortitionId);
        if (active) {
          throw new LiquideError(DrawJobErrorCode.AlreadyRunning, { params: { jobId: active.id } });
        }
        return drawJobs.insert(em, {
          id: randomUUID(),
          sortitionId,
          collectiveId: sortition.collective.id,
          seed,
          publicValue: input.publicValue,
          requestedAt: new Date(),
          requestedBy: byMemberId,
        });
      })
      .catch(async (error: unknown) => {
        // two starts at once: the second one meets the partial unique index
        if (error instanceof UniqueConstraintViolationException) {
          const active = await drawJobs.active(this.em.fork(), sortitionId);
          throw new LiquideError(DrawJobErrorCode.AlreadyRunning, { params: { jobId: active?.id ?? '?' } });
        }
        throw error;
      });
    this.runner.kick();
    const view = viewOf(row);
    this.runner.push(view);
    return view;
  }
}

@CommandHandler(CancelDrawCommand)
export class CancelDrawHandler implements ICommandHandler<CancelDrawCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly runner: DrawJobRunner,
  ) {}

  async execute({ sortitionId, jobId, byMemberId }: CancelDrawCommand) {
    const em = this.em.fork();
    const cancelled = await drawJobs.cancel(em, sortitionId, jobId, byMemberId);
    if (!cancelled) {
      const job = await drawJobs.byId(em, sortitionId, jobId);
      if (!job) {
        throw new LiquideError(DrawJobErrorCode.JobNotFound, { field: 'jobId' });
      }
      throw new LiquideError(DrawJobErrorCode.JobFinished, { params: { status: job.status } });
    }
    // stops the worker at once when it runs here; another instance sees it at its next renewal
    await this.runner.stopLocal(jobId);
    const view = viewOf(cancelled);
    this.runner.push(view);
    return view;
  }
}
