import type { QueryBus } from '@nestjs/cqrs';
import { GetBillScopeQuery, type BillScope } from '@liquide/engine';

/** The collective and topic of a bill, asked of the engine (404 `bill.not_found` when unknown). */
export function billScope(queries: QueryBus, billId: string): Promise<BillScope> {
  return queries.execute(new GetBillScopeQuery(billId));
}
