/** A direct vote's choice. */
export type Choice = 'yes' | 'no' | 'abstain';
/** What a seat (and so a deputy's instruction) can stand for; `absent` only with base "members". */
export type SeatChoice = Choice | 'absent';

/** Choices in their fixed order; a choice's code in typed arrays is its index + 1 (0 = no vote). */
export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

/** Delegation scopes, broadest last. */
export type Scope = 'bill' | 'topic' | 'global';
/** Scopes in order of precedence; a scope's slot number is its index. */
export const SCOPES: readonly Scope[] = ['bill', 'topic', 'global'];

/** A casting voter in a result. */
export interface VoterResult {
  readonly choice: Choice;
  /** Weight counted for the choice: own weight plus delegators' weights, limited by the cap. */
  readonly weight: number;
  /** Members whose vote reaches this voter, sorted by id. */
  readonly delegators: string[];
  /** Weight reaching this voter above the cap, counted as absent; present only when positive. */
  readonly excess?: number;
}

/** Weight per choice; `absent` is every eligible weight not counted for a choice. */
export interface Totals {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly absent: number;
}

/** Seats per choice (`absent` only with base "members"). */
export type Seats = Partial<Record<SeatChoice, number>> & { yes: number; no: number; abstain: number };

/** Result of a tally, format v1 (see docs/tally-rules.md). */
export interface TallyResult {
  /** Casting voters by id, keys inserted in id order. */
  readonly voters: Record<string, VoterResult>;
  /** Members who delegated but whose vote reaches no casting voter, sorted by id. */
  readonly lost: string[];
  readonly totals: Totals;
  readonly seats?: Seats;
  readonly instructions?: { readonly deputy: string; readonly choice: SeatChoice }[];
}

/** Why a member's vote is lost. */
export type LostReason = 'cycle' | 'dead-end';

/**
 * "Who represents me": what happens to one member's vote.
 * - `votes`: the member casts a vote themself.
 * - `represented`: `chain` runs from the member to `voter`, who casts `choice`; `excess` is the part of
 *   the member's weight above the voter's cap (counted as absent), present only when positive.
 * - `lost`: the member delegated but reaches no voter; `chain` follows first-ranked trustees until it
 *   meets a member again (`cycle`) or ends (`dead-end`).
 * - `absent`: an active member who neither votes nor has an applicable delegation.
 * - `inactive`, `not-member`: takes no part.
 */
export type Representation =
  | { readonly status: 'votes'; readonly choice: Choice }
  | {
      readonly status: 'represented';
      readonly chain: string[];
      readonly voter: string;
      readonly choice: Choice;
      readonly excess?: number;
    }
  | { readonly status: 'lost'; readonly reason: LostReason; readonly chain: string[] }
  | { readonly status: 'absent' | 'inactive' | 'not-member' };

/** Cheap live statistics (weights in the scenario's units). */
export interface TallyStats {
  /** Weight of all eligible (active) members. */
  readonly totalWeight: number;
  /** Own weight of the casting voters. */
  readonly directWeight: number;
  /** Weight of members whose vote reaches a voter through delegation (before the cap). */
  readonly delegatedWeight: number;
  /** Weight counted for yes, no or abstain (after the cap). */
  readonly countedWeight: number;
  /** countedWeight / totalWeight (0 when there is no weight). */
  readonly turnout: number;
  /** delegatedWeight / totalWeight (0 when there is no weight). */
  readonly delegatedShare: number;
}
