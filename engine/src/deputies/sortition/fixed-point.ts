import { PROBABILITY_DIGITS } from './types';

/** Panel probabilities are published as integer weights out of about this many. */
export const WEIGHT_SCALE = 1_000_000_000;

/**
 * LEXIMIN distributions (from `leximin-groups-highs/4`) are published out of about this many: a thousand times
 * finer than {@link WEIGHT_SCALE}, because later levels' certificates amplify the rounding of the earlier
 * groups' probabilities (by the ratio of their prices, up to about 8,000 on generated 4-feature pools).
 */
export const LEXIMIN_WEIGHT_SCALE = 1_000_000_000_000;

/** `numerator / denominator` rounded half up to {@link PROBABILITY_DIGITS} digits, exactly (BigInt). */
export function fixedProbability(numerator: number | bigint, denominator: number | bigint): string {
  const scale = 10n ** BigInt(PROBABILITY_DIGITS);
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const q = (n * scale * 2n + d) / (2n * d);
  return `${q / scale}.${(q % scale).toString().padStart(PROBABILITY_DIGITS, '0')}`;
}
