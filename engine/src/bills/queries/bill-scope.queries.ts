import { Query } from '@nestjs/cqrs';
import type { Electorate } from '../../ballots/scenario-builder';

/** The collective and topic a bill belongs to: how plugins place a bill without reading engine tables. */
export interface BillScope {
  readonly billId: string;
  readonly collectiveId: string;
  readonly topicId: string | null;
}

/** A bill's scope, or a 404 `bill.not_found` naming `billId`. */
export class GetBillScopeQuery extends Query<BillScope> {
  constructor(readonly billId: string) {
    super();
  }
}

/**
 * Who takes part in a decision on a bill at a given time, as a scenario v1 without votes or mandate
 * (members with voting rights, the delegations that apply to the bill, the collective's cap): what a
 * plugin tallies its own decisions with (e.g. ranked contests between amendments).
 */
export class GetBillElectorateQuery extends Query<BillScope & { electorate: Electorate }> {
  constructor(
    readonly billId: string,
    readonly at: Date,
  ) {
    super();
  }
}
