import { parseScenario, tally, type ScenarioV1 } from '../tally';
import { computeEventHash, computeResultHash } from './record-hash';
import {
  BALLOT_CLOSED,
  GENESIS_HASH,
  RECORD_FORMAT,
  type RecordEventV1,
  type RecordExportV1,
} from './record-format';

/** A small pseudonymised scenario: p1 delegates to p2, who votes yes; p3 votes no; 3 deputies. */
export const SAMPLE_SCENARIO: ScenarioV1 = parseScenario({
  members: [{ id: 'p1' }, { id: 'p2', weight: 2 }, { id: 'p3' }, { id: 'p4' }],
  bill: { id: 'bill-1', topic: 'health' },
  delegations: [{ from: 'p1', scope: 'global', to: ['p2'] }],
  votes: [
    { member: 'p2', choice: 'yes' },
    { member: 'p3', choice: 'no' },
  ],
  mandate: { deputies: ['d1', 'd2', 'd3'], seed: 'public-seed' },
});

/** The `ballot.closed` payload the domain writes for a scenario. */
export function closedBallotPayload(ballotId: string, scenario: ScenarioV1 = SAMPLE_SCENARIO) {
  const result = tally(scenario);
  return { ballotId, billId: scenario.bill.id, scenario, result, resultHash: computeResultHash(result) };
}

/** Builds a correctly chained record from `{type, payload}` entries (tests only). */
export function buildRecord(
  collectiveId: string,
  entries: readonly { type: string; payload: unknown }[],
): RecordExportV1 {
  let prevHash = GENESIS_HASH;
  const events: RecordEventV1[] = entries.map((entry, i) => {
    const fields = {
      position: i + 1,
      type: entry.type,
      payload: entry.payload,
      occurredAt: new Date(Date.UTC(2026, 10, 28, 10, 0, i)).toISOString(),
      prevHash,
    };
    const hash = computeEventHash({ ...fields, collectiveId });
    prevHash = hash;
    return { ...fields, hash };
  });
  const ballots = events
    .filter((e) => e.type === BALLOT_CLOSED)
    .map((e) => e.payload) as RecordExportV1['ballots'];
  return { format: RECORD_FORMAT, collectiveId, exportedAt: '2026-11-28T12:00:00.000Z', events, ballots };
}
