import { drawOrder } from './draw';

/** One deputy's instruction. */
export interface Instruction<K extends string = string> {
  readonly deputy: string;
  readonly choice: K;
}

/** Deputy ids for a mandate: a list of ids, or a count `K` standing for `d1` … `dK`. */
export function deputyIds(deputies: number | readonly string[]): string[] {
  if (typeof deputies === 'number') {
    if (!Number.isSafeInteger(deputies) || deputies < 0) {
      throw new RangeError(`deputies: must be a non-negative integer (got ${deputies})`);
    }
    return Array.from({ length: deputies }, (_, index) => `d${index + 1}`);
  }
  const seen = new Set<string>();
  for (const id of deputies) {
    if (seen.has(id)) {
      throw new RangeError(`deputies: "${id}" appears twice`);
    }
    seen.add(id);
  }
  return [...deputies];
}

/**
 * Gives each deputy one choice so that the number of deputies per choice equals the seats.
 *
 * The deputies are ordered by their `deputy` tickets of the seed (see {@link drawOrder}); the first
 * `seats[first key]` of that order get the first key's choice, the next ones the second key's, and so on in
 * the key order of `seats` (yes, no, abstain, absent for a tally). The list returned follows the order of
 * `deputies`. A pure function of the seed, the deputy ids and the seats.
 *
 * @throws RangeError when the seats do not add up to the number of deputies, or a deputy id repeats.
 */
export function instructions<K extends string>(
  seats: Readonly<Record<K, number>>,
  deputies: number | readonly string[],
  seed: string,
): Instruction<K>[] {
  const ids = deputyIds(deputies);
  const keys = Object.keys(seats) as K[];
  const seatCount = keys.reduce((sum, key) => sum + seats[key], 0);
  if (seatCount !== ids.length) {
    throw new RangeError(`seats: add up to ${seatCount} but there are ${ids.length} deputies`);
  }
  const choiceOf = new Map<string, K>();
  const order = drawOrder(ids, 'deputy', seed);
  let next = 0;
  for (const key of keys) {
    for (let i = 0; i < seats[key]; i++) {
      choiceOf.set(order[next++], key);
    }
  }
  return ids.map((deputy) => ({ deputy, choice: choiceOf.get(deputy) as K }));
}
