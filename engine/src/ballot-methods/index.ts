/**
 * Ballot methods besides yes / no / abstain (preference with Schulze, approval, D21): pure TypeScript
 * beside the tally core, run by the server, `liquide verify` and the browser. Rules: docs/tally-rules.md.
 */
export {
  BALLOT_METHODS,
  METHOD_IDS,
  optionList,
  type BallotMethod,
  type BallotMethodId,
  type MethodId,
  type MethodOptionsBase,
  type WeightedBallot,
} from './ballot-method';
export { approvalMethod, type ApprovalBallot, type ApprovalOptions, type ApprovalOutcome } from './approval';
export { d21Method, type D21Ballot, type D21Options, type D21Outcome } from './d21';
export {
  preferenceMethod,
  type PreferenceBallot,
  type PreferenceOptions,
  type PreferenceOutcome,
} from './preference';
export { pairwiseMatrix, schulze, type RankedBallot, type Ranking, type SchulzeResult } from './schulze';
export {
  isMethodResult,
  methodResultFrom,
  parseMethodScenario,
  tallyMethod,
  type MethodScenarioV1,
  type MethodTallyResult,
  type MethodVoterResult,
} from './method-tally';
export {
  BALLOT_METHOD_REGISTRY,
  ballotInputSchema,
  ballotMethod,
  type AnyBallotMethod,
  type MethodSpec,
} from './methods';
