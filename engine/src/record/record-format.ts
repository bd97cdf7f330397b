import type { MethodScenarioV1, MethodTallyResult } from '../ballot-methods';
import type { ScenarioV1, TallyResult } from '../tally';

/** Identifies the export format; bumped on any incompatible change. */
export const RECORD_FORMAT = 'liquide-record/1';

/** `prevHash` of the first event of every collective: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Event type written when a ballot closes; its payload is a {@link ClosedBallotPayload}. */
export const BALLOT_CLOSED = 'ballot.closed';
/** Event type written when a ballot opens; its payload carries at least `ballotId`. */
export const BALLOT_OPENED = 'ballot.opened';

/**
 * Payload of a `ballot.closed` event, written by the voting domain: the pseudonymised scenario (format v1),
 * the result the server computed from it, and `resultHash = sha256(canonicalJson(result))` in hex.
 */
export interface ClosedBallotPayload {
  readonly ballotId: string;
  readonly billId: string;
  /**
   * When the ballot closed (ISO 8601): early by an organiser, or its scheduled end. Absent from
   * records written before it was added; the event's `occurredAt` stands in for it there.
   */
  readonly closedAt?: string;
  /** Scenario v1, or a method scenario on a ballot counted by another method than yes / no / abstain. */
  readonly scenario: ScenarioV1 | MethodScenarioV1;
  readonly result: TallyResult | MethodTallyResult;
  readonly resultHash: string;
}

/** One sealed event as exported. */
export interface RecordEventV1 {
  /** 1, 2, 3… per collective, without gaps. */
  readonly position: number;
  /** Past-tense name, e.g. `vote.cast`. */
  readonly type: string;
  readonly payload: unknown;
  /** ISO 8601 in UTC with milliseconds, e.g. `2026-11-28T10:00:00.000Z`. */
  readonly occurredAt: string;
  /** Hash of the previous event, {@link GENESIS_HASH} for position 1. */
  readonly prevHash: string;
  /** sha256 of the canonical JSON of `{position, collectiveId, type, payload, occurredAt, prevHash}`. */
  readonly hash: string;
}

/** The public record of one collective, format `liquide-record/1` (docs/record.md). */
export interface RecordExportV1 {
  readonly format: typeof RECORD_FORMAT;
  readonly collectiveId: string;
  readonly exportedAt: string;
  readonly events: readonly RecordEventV1[];
  /** The payload of each `ballot.closed` event, in chain order. */
  readonly ballots: readonly ClosedBallotPayload[];
}
