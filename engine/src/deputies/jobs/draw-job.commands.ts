import { Command } from '@nestjs/cqrs';
import type { DrawJobView } from './draw-job.contract';

/**
 * Reveals the seed (checked against the commitment now) and queues the draw as a job: answered at once,
 * computed by a worker thread, published when done (docs/sortition.md, "Draw as a job").
 */
export class StartDrawCommand extends Command<DrawJobView> {
  constructor(
    readonly sortitionId: string,
    readonly byMemberId: string,
    readonly input: { seed?: string; publicValue: string },
  ) {
    super();
  }
}

/** Stops a queued or running draw job; the sortition stays committed and may be drawn again. */
export class CancelDrawCommand extends Command<DrawJobView> {
  constructor(
    readonly sortitionId: string,
    readonly jobId: string,
    readonly byMemberId: string,
  ) {
    super();
  }
}
