import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { RevokeDelegationHandler } from './commands/revoke-delegation.handler';
import { SetDelegationHandler } from './commands/set-delegation.handler';
import { DelegationsController } from './delegations.controller';
import { DelegationsToMeHandler, MyDelegationsHandler } from './queries/delegation.query-handlers';

export const DelegationCommandHandlers = [SetDelegationHandler, RevokeDelegationHandler];
export const DelegationQueryHandlers = [MyDelegationsHandler, DelegationsToMeHandler];

/** Delegations: setting and revoking one's own, listing one's own and those naming oneself; their API. */
@Module({
  imports: [RecordModule],
  controllers: [DelegationsController],
  providers: [...DelegationCommandHandlers, ...DelegationQueryHandlers],
})
export class DelegationsModule {}
