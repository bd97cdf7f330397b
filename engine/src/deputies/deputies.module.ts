import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { RecordModule } from '../record/record.module';
import { ResignHandler } from './commands/resign.handler';
import { CommitSeedHandler, FreezePoolHandler } from './commands/sortition.handlers';
import {
  CertifyVolunteerHandler,
  VolunteerHandler,
  WithdrawVolunteerHandler,
} from './commands/volunteer.handlers';
import { DeputiesController } from './http/deputies.controller';
import { DrawJobsController } from './http/draw-jobs.controller';
import { CancelDrawHandler, StartDrawHandler } from './jobs/draw-job.handlers';
import { DrawJobRunner } from './jobs/draw-job.runner';
import { MandatesController } from './http/mandates.controller';
import { SortitionsController } from './http/sortitions.controller';
import { IssueInstructionsHandler } from './mandates/issue-instructions.handler';
import { MandateKeysService } from './mandates/mandate-keys.service';
import { MyCandidacyHandler } from './queries/candidacy.query-handler';
import {
  BillInstructionsHandler,
  GetSortitionHandler,
  ListDeputiesHandler,
  ListSortitionsHandler,
  ListVolunteersHandler,
  MyInstructionsHandler,
} from './queries/deputies.query-handlers';

export const CommandHandlers = [
  VolunteerHandler,
  WithdrawVolunteerHandler,
  CertifyVolunteerHandler,
  FreezePoolHandler,
  CommitSeedHandler,
  StartDrawHandler,
  CancelDrawHandler,
  ResignHandler,
];

export const QueryHandlers = [
  ListVolunteersHandler,
  GetSortitionHandler,
  ListDeputiesHandler,
  ListSortitionsHandler,
  MyCandidacyHandler,
  MyInstructionsHandler,
  BillInstructionsHandler,
];

export const EventHandlers = [IssueInstructionsHandler];

/**
 * Deputies: certified volunteers, the verifiable sortition (docs/sortition.md; draws run as jobs) and the signed binding
 * instructions issued when a ballot closes (docs/mandates.md).
 */
@Module({
  imports: [RecordModule, LiveModule],
  controllers: [DeputiesController, SortitionsController, DrawJobsController, MandatesController],
  providers: [MandateKeysService, DrawJobRunner, ...CommandHandlers, ...QueryHandlers, ...EventHandlers],
  exports: [MandateKeysService],
})
export class DeputiesModule {}
