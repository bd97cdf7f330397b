import { Query } from '@nestjs/cqrs';

export interface BillSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topicId: string | null;
  readonly status: string;
  readonly ballots: readonly { id: string; status: string; opensAt: string; closesAt: string }[];
}

export class ListBillsQuery extends Query<BillSummary[]> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

export class GetBillQuery extends Query<BillSummary & { collectiveId: string; articles: unknown[] }> {
  constructor(readonly billId: string) {
    super();
  }
}
