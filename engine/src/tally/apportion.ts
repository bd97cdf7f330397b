import { drawOrder } from './draw';
import { toUnits } from './units';

/** The methods accepted by {@link apportion}. */
export const APPORTION_METHODS = ['largest-remainder', 'dhondt', 'sainte-lague'] as const;

/** Seat apportionment methods. */
export type ApportionMethod = (typeof APPORTION_METHODS)[number];

/**
 * Apportions `seats` seats among options in proportion to their counts.
 *
 * - `largest-remainder` (Hamilton): each option gets the integer part of `count × seats / total`; the seats
 *   left go one each to the largest remainders.
 * - `dhondt`: seats go one at a time to the highest quotient `count / (s + 1)`, `s` being the seats held.
 * - `sainte-lague`: the same with `count / (2s + 1)`.
 *
 * Arithmetic is exact: numbers are read as decimals with at most six places and turned into integer
 * micro-units, remainders and quotients are compared by BigInt cross-multiplication. Ties (equal remainders
 * or quotients) go to the option with the smallest `tie` ticket of the seed (see {@link drawOrder}).
 *
 * @param counts weight per option (non-negative, at most six decimal places, or BigInt micro-units)
 * @param seats number of seats (a non-negative integer)
 * @returns seats per option, keys in the order of `counts`
 * @throws RangeError on a negative or over-precise count, a bad seat number, or when every count is zero
 * while seats are to be given.
 */
export function apportion<K extends string>(
  counts: Readonly<Record<K, number | bigint>>,
  seats: number,
  method: ApportionMethod,
  seed: string,
): Record<K, number> {
  if (!Number.isSafeInteger(seats) || seats < 0) {
    throw new RangeError(`seats: must be a non-negative integer (got ${seats})`);
  }
  if (!APPORTION_METHODS.includes(method)) {
    throw new RangeError(`method: must be one of ${APPORTION_METHODS.join(', ')} (got ${String(method)})`);
  }
  const names = Object.keys(counts) as K[];
  const values = names.map((name) => exactCount(name, counts[name]));
  const total = values.reduce((sum, value) => sum + value, 0n);
  const result = {} as Record<K, number>;
  for (const name of names) {
    result[name] = 0;
  }
  if (seats === 0) {
    return result;
  }
  if (total === 0n) {
    throw new RangeError('counts: cannot apportion seats when every count is zero');
  }
  const priority = new Map(drawOrder(names, 'tie', seed).map((name, rank) => [name, rank]));
  const rankOf = (index: number): number => priority.get(names[index]) ?? 0;
  const held =
    method === 'largest-remainder'
      ? largestRemainder(values, total, seats, rankOf)
      : highestAverages(values, seats, method === 'dhondt' ? 1n : 2n, rankOf);
  names.forEach((name, index) => {
    result[name] = held[index];
  });
  return result;
}

function exactCount(name: string, count: number | bigint): bigint {
  if (typeof count === 'bigint') {
    if (count < 0n) {
      throw new RangeError(`counts.${name}: must not be negative`);
    }
    return count;
  }
  const units = toUnits(count);
  if (units === undefined) {
    throw new RangeError(`counts.${name}: must be a non-negative number with at most 6 decimal places`);
  }
  return BigInt(units);
}

function largestRemainder(
  values: bigint[],
  total: bigint,
  seats: number,
  rankOf: (index: number) => number,
): number[] {
  const target = BigInt(seats);
  const held = values.map((value) => Number((value * target) / total));
  const remainders = values.map((value) => (value * target) % total);
  let left = seats - held.reduce((sum, value) => sum + value, 0);
  const order = values.map((_, index) => index);
  order.sort((a, b) =>
    remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : rankOf(a) - rankOf(b),
  );
  for (const index of order) {
    if (left === 0) {
      break;
    }
    held[index] += 1;
    left -= 1;
  }
  return held;
}

function highestAverages(
  values: bigint[],
  seats: number,
  step: bigint,
  rankOf: (index: number) => number,
): number[] {
  const held = values.map(() => 0);
  const divisor = (index: number): bigint => step * BigInt(held[index]) + 1n;
  for (let seat = 0; seat < seats; seat++) {
    let best = 0;
    for (let index = 1; index < values.length; index++) {
      // values[index] / divisor(index) vs values[best] / divisor(best), cross-multiplied.
      const left = values[index] * divisor(best);
      const right = values[best] * divisor(index);
      if (left > right || (left === right && rankOf(index) < rankOf(best))) {
        best = index;
      }
    }
    held[best] += 1;
  }
  return held;
}
