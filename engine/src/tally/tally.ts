import { type CompactScenario } from './compact-scenario';
import { LiveTally } from './live-tally';
import { type ScenarioV1 } from './scenario';
import { type TallyResult } from './types';

/**
 * Tallies a ballot snapshot: who carries whose vote, the totals, and (with a mandate) the seats and the
 * deputies' instructions. Deterministic: every list is sorted by id, so equal scenarios give byte-for-byte
 * equal JSON. See docs/tally-rules.md for the rules and the formats. Takes a parsed scenario or one read by
 * {@link readScenarioText} (same result).
 */
export function tally(scenario: ScenarioV1 | CompactScenario): TallyResult {
  return new LiveTally(scenario).result();
}
