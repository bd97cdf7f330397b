/**
 * Liquide's tally core: pure TypeScript (no NestJS, ORM or Node.js-only API), also run in the browser.
 * Rules and formats: docs/tally-rules.md.
 */
export { apportion, APPORTION_METHODS, type ApportionMethod } from './apportion';
export { compareStrings, drawOrder, ticket, type DrawKind } from './draw';
export { TallyError, type TallyErrorCode } from './errors';
export { CompactScenario } from './compact-scenario';
export { deputyIds, instructions, type Instruction } from './instructions';
export { capUnits, LiveTally, type DelegationInput } from './live-tally';
export {
  BillV1Schema,
  CapV1Schema,
  DelegationV1Schema,
  formatPath,
  MandateV1Schema,
  MAX_DEPUTIES,
  MemberV1Schema,
  parseScenario,
  ScenarioError,
  ScenarioV1Schema,
  VoteV1Schema,
  type DelegationV1,
  type MandateV1,
  type MemberV1,
  type ScenarioIssue,
  type ScenarioV1,
  type VoteV1,
} from './scenario';
export { readScenarioText } from './scenario-reader';
export { sha256, sha256Hex } from './sha256';
export { tally } from './tally';
export {
  CHOICES,
  SCOPES,
  type Choice,
  type LostReason,
  type Representation,
  type Scope,
  type SeatChoice,
  type Seats,
  type TallyResult,
  type TallyStats,
  type Totals,
  type VoterResult,
} from './types';
export { fromUnits, MAX_TOTAL_WEIGHT, toUnits, UNIT_DECIMALS, UNIT_SCALE } from './units';
