import { Query } from '@nestjs/cqrs';

export interface BillSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topicId: string | null;
  readonly status: string;
  readonly ballots: readonly BallotSummary[];
}

/** A ballot as listed under its bill: its window, when it really opened and closed, and its final result. */
export interface BallotSummary {
  readonly id: string;
  readonly status: string;
  /** `amendment`: a vote on one amendment to the bill (listed under the bill, never as its own vote). */
  readonly purpose: 'bill' | 'amendment';
  readonly opensAt: string;
  readonly closesAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  /** The final totals, seats and turnout of a closed ballot (public once closed); null before. */
  readonly result: {
    readonly totals: Readonly<Record<'yes' | 'no' | 'abstain', number>>;
    readonly seats: Readonly<Record<string, number>> | null;
    readonly turnout: number;
  } | null;
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
