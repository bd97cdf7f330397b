/**
 * Sorting ids by UTF-16 code units (the order of {@link compareStrings}) without comparing strings pairwise.
 *
 * A comparison sort of 1,000,000 ids calls the comparator about 20 million times and takes seconds in V8; this
 * most-significant-digit radix sort reads each id's code units once per level it needs to be told apart from
 * its neighbours (a few levels for typical ids), buckets by code unit with counting sorts over typed arrays,
 * and falls back to insertion sort for small groups and to a comparison sort for a group whose next code unit
 * is beyond Latin-1 (rare; the order is the same either way).
 */

/** Below this size a group is finished by insertion sort. */
const SMALL = 24;
/** Code units 0–255 are bucketed directly; bucket 0 is "the id ends here" (sorts first). */
const BUCKETS = 257;

/**
 * The indices `0 … ids.length − 1` ordered by `ids[index]` (UTF-16 code units, ascending; equal ids keep
 * their index order).
 */
export function sortedOrder(ids: readonly string[]): Int32Array {
  const order = new Int32Array(ids.length);
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
  }
  sortIndices(ids, order);
  return order;
}

/** Sorts `indices` (positions into `ids`) in place by `ids[index]`, stable. */
export function sortIndices(ids: readonly string[], indices: Int32Array): void {
  const scratch = new Int32Array(indices.length);
  const codes = new Int32Array(indices.length);
  const count = new Int32Array(BUCKETS + 1);
  // Explicit stack of groups still to sort: [from, to, depth].
  const stack: number[] = [0, indices.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const to = stack.pop() as number;
    const from = stack.pop() as number;
    if (to - from < 2) {
      continue;
    }
    if (to - from <= SMALL) {
      insertionSort(ids, indices, from, to, depth);
      continue;
    }
    let wide = false;
    count.fill(0);
    for (let i = from; i < to; i++) {
      const id = ids[indices[i]];
      const code = depth < id.length ? id.charCodeAt(depth) + 1 : 0;
      if (code >= BUCKETS) {
        wide = true;
        break;
      }
      codes[i] = code;
      count[code + 1]++;
    }
    if (wide) {
      comparisonSort(ids, indices, from, to, depth);
      continue;
    }
    for (let b = 0; b < BUCKETS; b++) {
      count[b + 1] += count[b];
    }
    for (let i = from; i < to; i++) {
      scratch[from + count[codes[i]]++] = indices[i];
    }
    indices.set(scratch.subarray(from, to), from);
    // After the scatter, count[b] is the end of bucket b (relative to from); bucket 0 (ended ids) is done.
    let start = count[0];
    for (let b = 1; b < BUCKETS; b++) {
      const end = count[b];
      if (end - start > 1) {
        stack.push(from + start, from + end, depth + 1);
      }
      start = end;
    }
  }
}

function insertionSort(
  ids: readonly string[],
  indices: Int32Array,
  from: number,
  to: number,
  depth: number,
): void {
  for (let i = from + 1; i < to; i++) {
    const index = indices[i];
    const id = ids[index];
    let j = i - 1;
    while (j >= from && greaterFrom(ids[indices[j]], id, depth)) {
      indices[j + 1] = indices[j];
      j--;
    }
    indices[j + 1] = index;
  }
}

/** `a > b` by code units, both sharing their first `depth` code units. */
function greaterFrom(a: string, b: string, depth: number): boolean {
  const length = Math.min(a.length, b.length);
  for (let k = depth; k < length; k++) {
    const diff = a.charCodeAt(k) - b.charCodeAt(k);
    if (diff !== 0) {
      return diff > 0;
    }
  }
  return a.length > b.length;
}

function comparisonSort(
  ids: readonly string[],
  indices: Int32Array,
  from: number,
  to: number,
  depth: number,
): void {
  const group = Array.from(indices.subarray(from, to));
  group.sort((x, y) => {
    const a = ids[x];
    const b = ids[y];
    if (a === b) {
      return x - y;
    }
    return greaterFrom(a, b, depth) ? 1 : -1;
  });
  indices.set(group, from);
}
