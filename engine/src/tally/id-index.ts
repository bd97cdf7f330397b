/** Int32 words per table slot: the id's index, then its key (see {@link IdIndex}). */
const STRIDE = 4;
/** First key word of an id too long or too wide to be kept in the slot (compared through the id list). */
const LONG = 0xff;
/** Longest id kept in its slot: 11 code units below 256, with the length, in 3 words. */
const SHORT = 11;

/** Key words of the id last hashed by {@link hashRange}. */
let key0 = 0;
let key1 = 0;
let key2 = 0;

/**
 * Interns string ids to dense integer indices (0, 1, 2, … in insertion order) with an open-addressing hash
 * table in an Int32Array (at most half full).
 *
 * Each slot holds the id's index and, for an id of at most 11 code units all below 256 (numbers, short
 * codes), the id itself packed with its length into 3 words: such an id is found by reading one slot,
 * without following the index to the id string, which costs two more cache misses per lookup on a large
 * table (lookups are most of the time of building a tally of a million members). Longer ids (UUIDs) are
 * compared through the id list. About 32 bytes per id on top of the id strings, far less than a `Map`.
 */
export class IdIndex {
  private table: Int32Array;
  private mask: number;
  private list: string[] = [];

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) {
      capacity *= 2;
    }
    this.table = new Int32Array(capacity * STRIDE).fill(-1);
    this.mask = capacity - 1;
  }

  /**
   * The index of a list of ids (index i for `ids[i]`), or the position of the first id that repeats an
   * earlier one. Faster than adding the ids one by one to a large table: the ids are hashed first, then
   * inserted in the order of their home slot, so the table is written nearly sequentially instead of one cache
   * miss per id. The index keeps `ids` as its list (do not modify it afterwards).
   */
  static of(ids: string[]): IdIndex | { repeated: number } {
    const n = ids.length;
    const index = new IdIndex(n);
    const slots = index.table.length / STRIDE;
    // Home slot and key of each id, then the ids ordered by home slot (a counting sort on the top bits).
    const shift = Math.max(0, Math.log2(slots) - 16);
    const home = new Int32Array(n);
    const keys = new Int32Array(n * 3);
    const count = new Int32Array((slots >>> shift) + 1);
    for (let u = 0; u < n; u++) {
      const id = ids[u];
      const slot = hashRange(id, 0, id.length) & index.mask;
      home[u] = slot;
      keys[u * 3] = key0;
      keys[u * 3 + 1] = key1;
      keys[u * 3 + 2] = key2;
      count[(slot >>> shift) + 1]++;
    }
    for (let b = 1; b < count.length; b++) {
      count[b] += count[b - 1];
    }
    const order = new Int32Array(n);
    for (let u = 0; u < n; u++) {
      order[count[home[u] >>> shift]++] = u;
    }
    const { table, mask } = index;
    let repeated = n;
    for (let i = 0; i < n; i++) {
      const u = order[i];
      const k0 = keys[u * 3];
      const k1 = keys[u * 3 + 1];
      const k2 = keys[u * 3 + 2];
      let slot = home[u];
      for (;;) {
        const at = slot * STRIDE;
        const other = table[at];
        if (other < 0) {
          table[at] = u;
          table[at + 1] = k0;
          table[at + 2] = k1;
          table[at + 3] = k2;
          break;
        }
        if (
          table[at + 1] === k0 &&
          (k0 !== LONG ? table[at + 2] === k1 && table[at + 3] === k2 : ids[other] === ids[u])
        ) {
          repeated = Math.min(repeated, Math.max(other, u));
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (repeated < n) {
      return { repeated };
    }
    index.list = ids;
    return index;
  }

  /** Number of ids interned. */
  get size(): number {
    return this.list.length;
  }

  /** Every id, by index (do not modify). */
  ids(): readonly string[] {
    return this.list;
  }

  /** The id with the given index. */
  idOf(index: number): string {
    return this.list[index];
  }

  /** The index of `id`, or -1. */
  get(id: string): number {
    return this.table[this.locate(id, 0, id.length)];
  }

  /**
   * The index of the id written as `text[from … to)`, or -1: the same as `get(text.slice(from, to))`
   * without making the string.
   */
  getRange(text: string, from: number, to: number): number {
    return this.table[this.locate(text, from, to)];
  }

  /**
   * The index of `id`, or -1, trying `hint` and `hint + 1` first: ids listed in member order (votes and
   * delegations exported per member) are then found without a hash probe, which would miss the cache.
   */
  getNear(id: string, hint: number): number {
    const { list } = this;
    if (hint >= 0 && hint < list.length) {
      if (list[hint] === id) {
        return hint;
      }
      if (hint + 1 < list.length && list[hint + 1] === id) {
        return hint + 1;
      }
    }
    return this.get(id);
  }

  /** The index of `id`, interning it first when it is new. */
  add(id: string): number {
    const at = this.locate(id, 0, id.length);
    if (this.table[at] >= 0) {
      return this.table[at];
    }
    const index = this.list.length;
    this.list.push(id);
    this.table[at] = index;
    this.table[at + 1] = key0;
    this.table[at + 2] = key1;
    this.table[at + 3] = key2;
    if (this.list.length * 2 * STRIDE > this.table.length) {
      this.grow();
    }
    return index;
  }

  /** A copy where the id of index `order[i]` gets index `i` (`newIndex` is the inverse of `order`). */
  permuted(order: Int32Array, newIndex: Int32Array): IdIndex {
    const copy = new IdIndex(0);
    copy.table = this.table.slice();
    for (let at = 0; at < copy.table.length; at += STRIDE) {
      const index = copy.table[at];
      if (index >= 0) {
        copy.table[at] = newIndex[index];
      }
    }
    copy.mask = this.mask;
    copy.list = Array.from(order, (old) => this.list[old]);
    return copy;
  }

  /**
   * The table offset of the slot holding the id written as `source[from … to)`, or of the empty slot where
   * it would go; leaves its key in `key0 … key2`.
   */
  private locate(source: string, from: number, to: number): number {
    const { table, mask, list } = this;
    let slot = hashRange(source, from, to) & mask;
    const k0 = key0;
    const k1 = key1;
    const k2 = key2;
    for (;;) {
      const at = slot * STRIDE;
      const index = table[at];
      if (index < 0) {
        return at;
      }
      if (table[at + 1] === k0) {
        if (k0 !== LONG) {
          if (table[at + 2] === k1 && table[at + 3] === k2) {
            return at;
          }
        } else {
          const id = list[index];
          if (id.length === to - from && source.startsWith(id, from)) {
            return at;
          }
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.table.length / STRIDE - 1;
    for (let from = 0; from < old.length; from += STRIDE) {
      if (old[from] < 0) {
        continue;
      }
      const id = this.list[old[from]];
      let slot = hashRange(id, 0, id.length) & this.mask;
      while (this.table[slot * STRIDE] >= 0) {
        slot = (slot + 1) & this.mask;
      }
      this.table.set(old.subarray(from, from + STRIDE), slot * STRIDE);
    }
  }
}

/**
 * FNV-1a over the UTF-16 code units of `source[from … to)`, finished with murmur3's mixer so that similar ids
 * spread well; also packs the id into `key0 … key2` when it is short (its length, then one byte per code
 * unit), else sets `key0` to {@link LONG}.
 */
function hashRange(source: string, from: number, to: number): number {
  const length = to - from;
  let h = 0x811c9dc5;
  let short = length <= SHORT;
  let w0 = length;
  let w1 = 0;
  let w2 = 0;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(from + i);
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 0xff) {
      short = false;
    } else if (i < 3) {
      w0 |= c << (8 * (i + 1));
    } else if (i < 7) {
      w1 |= c << (8 * (i - 3));
    } else {
      w2 |= c << (8 * (i - 7));
    }
  }
  key0 = short ? w0 : LONG;
  key1 = short ? w1 : 0;
  key2 = short ? w2 : 0;
  return mix(h);
}

/** murmur3's finalizer. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
