import { Module } from '@nestjs/common';
import { BallotScheduler } from '../ballots/ballot-scheduler';
import { CloseBallotHandler } from '../ballots/commands/close-ballot.handler';
import { CreateBallotHandler } from '../ballots/commands/create-ballot.handler';
import { OpenBallotHandler } from '../ballots/commands/open-ballot.handler';
import {
  GetBallotHandler,
  GetMyVoteHandler,
  GetRepresentationHandler,
  GetResultHandler,
} from '../ballots/queries/ballot.query-handlers';
import { CreateBillHandler } from '../bills/commands/create-bill.handler';
import { GetBillElectorateHandler, GetBillScopeHandler } from '../bills/queries/bill-scope.handlers';
import {
  CreateCollectiveHandler,
  CreateTopicHandler,
  UpdateCollectiveSettingsHandler,
} from '../collectives/commands/collective.handlers';
import { RevokeDelegationHandler } from '../delegations/commands/revoke-delegation.handler';
import { SetDelegationHandler } from '../delegations/commands/set-delegation.handler';
import { ImportMembersHandler } from '../members/commands/import-members.handler';
import { ChangeRoleHandler, UpdateMemberHandler } from '../members/commands/member.handlers';
import { RecordModule } from '../record/record.module';
import { CastVoteHandler } from '../votes/commands/cast-vote.handler';
import { WithdrawVoteHandler } from '../votes/commands/withdraw-vote.handler';
import { BallotsController } from '../ballots/ballots.controller';
import { BillsController } from '../bills/bills.controller';
import { CollectivesController } from '../collectives/collectives.controller';
import { DelegationsController } from '../delegations/delegations.controller';
import { MembersController } from '../members/members.controller';
import {
  DelegationsToMeHandler,
  GetBillHandler,
  GetCollectiveHandler,
  GetImportHandler,
  ListBillsHandler,
  MyDelegationsHandler,
} from './queries/read.handlers';
import { ListMembersHandler } from '../members/queries/list-members.handler';

export const CommandHandlers = [
  CreateCollectiveHandler,
  UpdateCollectiveSettingsHandler,
  CreateTopicHandler,
  ImportMembersHandler,
  ChangeRoleHandler,
  UpdateMemberHandler,
  CreateBillHandler,
  CreateBallotHandler,
  OpenBallotHandler,
  CloseBallotHandler,
  CastVoteHandler,
  WithdrawVoteHandler,
  SetDelegationHandler,
  RevokeDelegationHandler,
];

export const QueryHandlers = [
  GetBillScopeHandler,
  GetBillElectorateHandler,
  GetBallotHandler,
  GetResultHandler,
  GetMyVoteHandler,
  GetRepresentationHandler,
  GetCollectiveHandler,
  ListBillsHandler,
  GetBillHandler,
  ListMembersHandler,
  GetImportHandler,
  MyDelegationsHandler,
  DelegationsToMeHandler,
];

/** Collectives, members, bills, ballots, votes and delegations: commands, queries and their API. */
@Module({
  imports: [RecordModule],
  controllers: [
    CollectivesController,
    MembersController,
    BillsController,
    BallotsController,
    DelegationsController,
  ],
  providers: [BallotScheduler, ...CommandHandlers, ...QueryHandlers],
})
export class DomainModule {}
