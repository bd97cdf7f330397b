/**
 * The sortition core: pure TypeScript (no NestJS or ORM import) so that `liquide verify-sortition` replays
 * exactly what the server ran. Scheme and formats: docs/sortition.md.
 */
export {
  algorithmFor,
  drawPanel,
  fixedProbability,
  nextSubstitute,
  quotaDistribution,
  WEIGHT_SCALE,
} from './draw';
export { canonicalPool, finalSeed, poolHash, proofHash, seedCommitment, sha256Hex } from './hash';
export { MAX_ROUNDS, maximinDistribution, type MaximinResult } from './maximin';
export { SeededRandom, shuffle } from './prng';
export { buildProof, firstDifference, verifySortitionProof, type ProofCheck, type ProofInput } from './proof';
export {
  brokenQuota,
  inQuota,
  precheckQuotas,
  quotaLabel,
  SortitionError,
  type SortitionErrorKind,
} from './quotas';
export * from './types';
export { drawSortition } from './draw';
export { drawLeximin, type LeximinOutcome } from './draw-leximin';
export { leximinDistribution, type LeximinProgress, type LeximinResult } from './leximin';
export * from './leximin-types';
export { verifyLeximinProof, type LeximinCheck } from './verify-leximin';
export { groupsOf, groupModel, type Group, type GroupModel } from './groups';
