import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ActualVoteWriter } from './actual-vote-writer';
import { ConfirmActualVoteHandler, DeclareActualVoteHandler } from './commands/actual-vote.handlers';
import { ImportRollCallHandler } from './commands/import-roll-call.handler';
import { SetParliamentIdsHandler } from './commands/parliament-ids.handler';
import { ApplyConsequencesHandler, ConsequenceSettingsService } from './consequences';
import { ComplianceController } from './http/compliance.controller';
import {
  BillComplianceHandler,
  CollectiveComplianceHandler,
  DeputyComplianceHandler,
  PopoloActualVotesHandler,
} from './queries/compliance.query-handlers';
import { ParliamentIdsHandler } from './queries/parliament-ids.query';
import './compliance.errors';

export const CommandHandlers = [
  DeclareActualVoteHandler,
  ConfirmActualVoteHandler,
  ImportRollCallHandler,
  SetParliamentIdsHandler,
];

export const QueryHandlers = [
  DeputyComplianceHandler,
  BillComplianceHandler,
  CollectiveComplianceHandler,
  PopoloActualVotesHandler,
  ParliamentIdsHandler,
];

/**
 * Deputies' actual votes in parliament against their signed instructions: declarations, confirmations,
 * roll-call imports, compliance computed from both, public figures (docs/mandates.md, "Compliance").
 */
@Module({
  imports: [RecordModule],
  controllers: [ComplianceController],
  providers: [
    ActualVoteWriter,
    ConsequenceSettingsService,
    ApplyConsequencesHandler,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class ComplianceModule {}
