import { Query } from '@nestjs/cqrs';
import type { DelegationView } from '../../delegations/commands/set-delegation.command';

export interface CollectiveView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly settings: Record<string, unknown>;
  readonly topics: readonly { id: string; slug: string; name: string }[];
  /** The caller's own membership, when they have one. */
  readonly me: { memberId: string; roles: readonly string[]; votingRights: boolean } | null;
}

export class GetCollectiveQuery extends Query<CollectiveView> {
  constructor(
    readonly collectiveId: string,
    readonly memberId: string | null,
  ) {
    super();
  }
}

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

export interface ImportProgress {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly total: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: unknown[];
}

export class GetImportQuery extends Query<ImportProgress> {
  constructor(
    readonly collectiveId: string,
    readonly importId: string,
  ) {
    super();
  }
}

/** The caller's own delegations. */
export class MyDelegationsQuery extends Query<DelegationView[]> {
  constructor(readonly memberId: string) {
    super();
  }
}

/** The delegations that name the caller as a trustee, with the delegator and the rank. */
export class DelegationsToMeQuery extends Query<
  (DelegationView & { from: { memberId: string; displayName: string }; rank: number })[]
> {
  constructor(readonly memberId: string) {
    super();
  }
}
