import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { BillsController } from './bills.controller';
import { CreateBillHandler } from './commands/create-bill.handler';
import { GetBillElectorateHandler, GetBillScopeHandler } from './queries/bill-scope.handlers';
import { GetBillHandler, ListBillsHandler } from './queries/bill.query-handlers';

export const BillCommandHandlers = [CreateBillHandler];
export const BillQueryHandlers = [
  GetBillScopeHandler,
  GetBillElectorateHandler,
  ListBillsHandler,
  GetBillHandler,
];

/** Bills: publication, listing, reading, scope and electorate; their API. */
@Module({
  imports: [RecordModule],
  controllers: [BillsController],
  providers: [...BillCommandHandlers, ...BillQueryHandlers],
})
export class BillsModule {}
