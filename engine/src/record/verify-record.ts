import { tallyMethod } from '../ballot-methods';
import { parseScenario, tally, ScenarioError } from '../tally';
import { canonicalJson } from './canonical-json';
import { computeEventHash, portableSha256, type HashFunction } from './record-hash';
import { BALLOT_CLOSED, GENESIS_HASH, RECORD_FORMAT } from './record-format';

/** Where a record first fails to check out, and why. */
export interface RecordMismatch {
  /** Position of the event concerned (for a ballot: its `ballot.closed` event). */
  readonly position?: number;
  readonly ballotId?: string;
  readonly reason: string;
}

export type VerifyRecordResult =
  | { readonly ok: true; readonly events: number; readonly ballots: number }
  | { readonly ok: false; readonly firstMismatch: RecordMismatch };

export interface VerifyRecordOptions {
  /** SHA-256 as hex; defaults to the portable one (node:crypto's is faster for big records). */
  readonly hash?: HashFunction;
}

type Json = Record<string, unknown>;

const HEX64 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Mismatch extends Error {
  constructor(readonly detail: RecordMismatch) {
    super(detail.reason);
  }
}

function fail(detail: RecordMismatch): never {
  throw new Mismatch(detail);
}

/**
 * Checks a public record (format `liquide-record/1`, see docs/record.md) without trusting its server:
 * 1. positions run 1, 2, 3… without gaps; each `prevHash` is the previous event's `hash` (64 zeros first);
 *    each `hash` is recomputed from the event's fields;
 * 2. `ballots` holds exactly the payloads of the `ballot.closed` events, in chain order;
 * 3. each closed ballot's result is recomputed with `tally(parseScenario(scenario))` (or, when the
 *    scenario names a ballot method, `tallyMethod(scenario)`) and compared, as
 *    canonical JSON, with the stored `result`, whose hash must equal `resultHash`.
 * Pure: no I/O, no Node.js-only import, so the CLI and the browser share it.
 */
export function verifyRecord(record: unknown, options: VerifyRecordOptions = {}): VerifyRecordResult {
  const hash = options.hash ?? portableSha256;
  try {
    const { collectiveId, events, ballots } = checkShape(record);
    const closed = checkChain(collectiveId, events, hash);
    checkBallots(closed, ballots, hash);
    return { ok: true, events: events.length, ballots: closed.length };
  } catch (error) {
    if (error instanceof Mismatch) {
      return { ok: false, firstMismatch: error.detail };
    }
    throw error;
  }
}

function checkShape(record: unknown): { collectiveId: string; events: unknown[]; ballots: unknown[] } {
  if (!isObject(record)) {
    fail({ reason: 'the record is not a JSON object' });
  }
  if (record.format !== RECORD_FORMAT) {
    fail({ reason: `format must be "${RECORD_FORMAT}", found ${JSON.stringify(record.format)}` });
  }
  if (typeof record.collectiveId !== 'string' || record.collectiveId === '') {
    fail({ reason: 'collectiveId must be a non-empty string' });
  }
  if (!Array.isArray(record.events)) {
    fail({ reason: 'events must be a list' });
  }
  if (!Array.isArray(record.ballots)) {
    fail({ reason: 'ballots must be a list' });
  }
  return { collectiveId: record.collectiveId, events: record.events, ballots: record.ballots };
}

interface ClosedAt {
  readonly position: number;
  readonly payload: unknown;
}

function checkChain(collectiveId: string, events: readonly unknown[], hash: HashFunction): ClosedAt[] {
  const closed: ClosedAt[] = [];
  let prevHash = GENESIS_HASH;
  events.forEach((event, index) => {
    const expected = index + 1;
    if (!isObject(event)) {
      fail({ position: expected, reason: `events[${index}] is not an object` });
    }
    if (event.position !== expected) {
      fail({
        position: expected,
        reason: `position ${expected} expected at events[${index}], found ${JSON.stringify(event.position)} (an event is missing or out of order)`,
      });
    }
    if (typeof event.type !== 'string' || typeof event.occurredAt !== 'string') {
      fail({ position: expected, reason: 'type and occurredAt must be strings' });
    }
    if (typeof event.hash !== 'string' || !HEX64.test(event.hash)) {
      fail({ position: expected, reason: 'hash must be 64 lowercase hexadecimal digits' });
    }
    if (event.prevHash !== prevHash) {
      fail({ position: expected, reason: `prevHash is not the hash of the previous event` });
    }
    let recomputed: string;
    try {
      recomputed = computeEventHash(
        {
          position: expected,
          collectiveId,
          type: event.type,
          payload: event.payload,
          occurredAt: event.occurredAt,
          prevHash,
        },
        hash,
      );
    } catch (error) {
      fail({ position: expected, reason: `payload is not plain JSON: ${(error as Error).message}` });
    }
    if (recomputed !== event.hash) {
      fail({
        position: expected,
        reason: `hash does not match the event's content (recomputed ${recomputed})`,
      });
    }
    prevHash = event.hash;
    if (event.type === BALLOT_CLOSED) {
      closed.push({ position: expected, payload: event.payload });
    }
  });
  return closed;
}

function ballotIdOf(payload: unknown): string | undefined {
  return isObject(payload) && typeof payload.ballotId === 'string' ? payload.ballotId : undefined;
}

function checkBallots(closed: readonly ClosedAt[], ballots: readonly unknown[], hash: HashFunction): void {
  closed.forEach(({ position, payload }, index) => {
    const ballotId = ballotIdOf(payload);
    if (index >= ballots.length || canonicalJson(ballots[index]) !== canonicalJson(payload)) {
      fail({
        position,
        ...(ballotId === undefined ? {} : { ballotId }),
        reason: `ballots[${index}] differs from the ballot.closed event at position ${position}`,
      });
    }
    checkBallot(position, payload, hash);
  });
  if (ballots.length > closed.length) {
    fail({
      ...(ballotIdOf(ballots[closed.length]) === undefined
        ? {}
        : { ballotId: ballotIdOf(ballots[closed.length]) }),
      reason: `ballots[${closed.length}] has no ballot.closed event in the chain`,
    });
  }
}

function checkBallot(position: number, payload: unknown, hash: HashFunction): void {
  if (!isObject(payload) || typeof payload.ballotId !== 'string') {
    fail({ position, reason: 'a ballot.closed payload must be an object with a string ballotId' });
  }
  const ballotId = payload.ballotId;
  const where = { position, ballotId };
  if (canonicalJson(payload.result ?? null) === 'null') {
    fail({ ...where, reason: 'the ballot has no result' });
  }
  if (payload.resultHash !== hash(canonicalJson(payload.result))) {
    fail({ ...where, reason: 'resultHash is not the hash of the stored result' });
  }
  let recomputed: string;
  try {
    // a method ballot's scenario names its method (docs/tally-rules.md, "Ballot methods")
    const scenario = payload.scenario;
    recomputed = canonicalJson(
      isObject(scenario) && 'method' in scenario ? tallyMethod(scenario) : tally(parseScenario(scenario)),
    );
  } catch (error) {
    if (error instanceof ScenarioError) {
      fail({ ...where, reason: `the scenario is invalid: ${error.message.replace(/\n/g, '; ')}` });
    }
    fail({ ...where, reason: `the scenario cannot be tallied: ${(error as Error).message}` });
  }
  if (recomputed !== canonicalJson(payload.result)) {
    fail({ ...where, reason: 'the stored result differs from the result recomputed from the scenario' });
  }
}
