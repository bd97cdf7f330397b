import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ResignHandler } from './commands/resign.handler';
import { CommitSeedHandler, DrawSortitionHandler, FreezePoolHandler } from './commands/sortition.handlers';
import {
  CertifyVolunteerHandler,
  VolunteerHandler,
  WithdrawVolunteerHandler,
} from './commands/volunteer.handlers';
import { DeputiesController } from './http/deputies.controller';
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
  DrawSortitionHandler,
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
 * Deputies: certified volunteers, the verifiable sortition (docs/sortition.md) and the signed binding
 * instructions issued when a ballot closes (docs/mandates.md).
 */
@Module({
  imports: [RecordModule],
  controllers: [DeputiesController, SortitionsController, MandatesController],
  providers: [MandateKeysService, ...CommandHandlers, ...QueryHandlers, ...EventHandlers],
  exports: [MandateKeysService],
})
export class DeputiesModule {}
