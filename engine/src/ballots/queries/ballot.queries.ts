import { Query } from '@nestjs/cqrs';
import type { BallotMethodId, MethodOptionsBase, MethodTallyResult } from '../../ballot-methods';
import type { Choice, Representation, Seats, TallyResult, Totals } from '../../tally';
import type { ResultFigures } from '../result-figures';
import type { BallotPurpose, BallotStatus, MandateBase, MandateMethod, Visibility } from '../ballot.types';

/** Live or final figures of a ballot, as far as its visibility allows. */
export interface TallyView {
  readonly totals: Totals;
  readonly seats: Seats | null;
  /** On a method ballot: the weight cast and the method's outcome (totals then count only `absent`). */
  readonly method?: ResultFigures['method'];
  readonly turnout: number;
  readonly delegatedShare: number;
  readonly final: boolean;
}

export interface BallotView {
  readonly id: string;
  readonly collectiveId: string;
  readonly billId: string;
  readonly status: BallotStatus;
  /** `amendment`: a vote on one amendment to the bill, not the bill's own vote. */
  readonly purpose: BallotPurpose;
  readonly opensAt: string;
  /** The scheduled end; `closedAt` says when it really closed (earlier, when an organiser closed it). */
  readonly closesAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly visibility: Visibility;
  /** How it is voted and counted: `yes-no-abstain` (options null) or a ballot method with its options. */
  readonly method: { readonly id: BallotMethodId; readonly options: MethodOptionsBase | null };
  readonly mandate: {
    readonly method: MandateMethod;
    readonly base: MandateBase;
    /** The number configured when the ballot was created (used only while no deputy is seated). */
    readonly deputies: number;
    /** Who the result binds (closed: who it bound). */
    readonly bound: BoundDeputies;
  };
  readonly seed: string;
  /** Null while the visibility policy hides the tally from this caller; `hiddenUntil` says until when. */
  readonly tally: TallyView | null;
  readonly hiddenUntil?: 'vote' | 'close';
}

/**
 * The deputies a ballot binds: `seated` — the sortition's seated deputies, by name (closed ballots: those
 * the result bound); `anonymous` — no deputy seated, the count stands for d1 … dK and no instruction is issued.
 */
export interface BoundDeputies {
  readonly kind: 'seated' | 'anonymous';
  readonly count: number;
  readonly deputies: readonly { readonly memberId: string; readonly displayName: string }[];
}

/** A ballot with its tally, as the caller may see it. */
export class GetBallotQuery extends Query<BallotView> {
  constructor(
    readonly ballotId: string,
    readonly viewerMemberId: string | null,
  ) {
    super();
  }
}

/** The final, immutable result of a closed ballot. */
export class GetResultQuery extends Query<{
  result: TallyResult | MethodTallyResult;
  resultHash: string;
  closedAt: string;
}> {
  constructor(readonly ballotId: string) {
    super();
  }
}

/**
 * The same result as {@link GetResultQuery}, its `result` as the JSON text stored at the close (the canonical
 * JSON whose SHA-256 is `resultHash`), so that it can be sent without being parsed and serialised again.
 */
export class GetResultTextQuery extends Query<{ resultText: string; resultHash: string; closedAt: string }> {
  constructor(readonly ballotId: string) {
    super();
  }
}

/** One step of a representation chain, named for the member who asks. */
export interface ChainLink {
  readonly memberId: string;
  readonly displayName: string;
}

export type RepresentationView =
  | Exclude<Representation, { status: 'represented' } | { status: 'lost' }>
  | {
      readonly status: 'represented';
      readonly chain: readonly ChainLink[];
      readonly voter: ChainLink;
      readonly choice: Choice;
      readonly excess?: number;
    }
  /** On a method ballot: the voter's own ballot, or the ballot of the voter who carries the caller's weight. */
  | { readonly status: 'votes'; readonly ballot: unknown }
  | {
      readonly status: 'represented';
      readonly chain: readonly ChainLink[];
      readonly voter: ChainLink;
      readonly ballot: unknown;
      readonly excess?: number;
    }
  | { readonly status: 'lost'; readonly reason: 'cycle' | 'dead-end'; readonly chain: readonly ChainLink[] }
  /**
   * Not counted yet: the ballot is open and nobody along the chain has voted so far. `chain` starts
   * with the caller and lists the trustees who would carry the vote, in order. (After the close the
   * same situation is `lost` with reason `dead-end`.)
   */
  | { readonly status: 'pending'; readonly chain: readonly ChainLink[] }
  /**
   * The caller delegates, on a ballot whose choices stay secret until the close (see
   * `othersChoicesSecret`): who carries the vote, and how, is shown after the close.
   */
  | { readonly status: 'delegated'; readonly hiddenUntil: 'close' };

/** Who carries the caller's vote on this ballot, through which chain, or why it is lost. */
export class GetRepresentationQuery extends Query<RepresentationView> {
  constructor(
    readonly ballotId: string,
    readonly memberId: string,
  ) {
    super();
  }
}
