/**
 * Exact weights.
 *
 * Weights and shares are decimals with at most {@link UNIT_DECIMALS} decimal places. The core converts them
 * once to integer micro-units and only adds, subtracts and compares integers from then on, so no
 * floating-point drift can appear. Integer-valued doubles are exact up to 2^53; the format caps the total
 * weight at {@link MAX_TOTAL_WEIGHT} (10^15 units), which keeps every sum exact and every value printable
 * back as the same decimal.
 */
export const UNIT_DECIMALS = 6;
/** Micro-units per unit of weight. */
export const UNIT_SCALE = 1_000_000;
/** Largest total weight of a scenario (sum of all members' weights). */
export const MAX_TOTAL_WEIGHT = 1_000_000_000;
/** {@link MAX_TOTAL_WEIGHT} in micro-units. */
export const MAX_TOTAL_UNITS = MAX_TOTAL_WEIGHT * UNIT_SCALE;

/**
 * Converts a decimal number to integer micro-units.
 * @returns the units, or `undefined` when the number is not finite, is negative, has more than six
 * decimal places or exceeds {@link MAX_TOTAL_UNITS} once scaled.
 */
export function toUnits(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) {
    return undefined;
  }
  const units = Math.round(value * UNIT_SCALE);
  if (units > MAX_TOTAL_UNITS || units / UNIT_SCALE !== value) {
    return undefined;
  }
  return units;
}

/** Converts integer micro-units back to the decimal number they stand for. */
export function fromUnits(units: number): number {
  return units / UNIT_SCALE;
}
