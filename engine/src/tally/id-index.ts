/**
 * Interns string ids to dense integer indices (0, 1, 2, … in insertion order) with an open-addressing hash
 * table in an Int32Array: about 8 bytes per id on top of the id strings, far less than a `Map`.
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
    this.table = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
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
    let slot = hash(id) & this.mask;
    for (;;) {
      const index = this.table[slot];
      if (index < 0 || this.list[index] === id) {
        return index;
      }
      slot = (slot + 1) & this.mask;
    }
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

  /**
   * The index of the id written as `text[from … to)`, or -1: the same as `get(text.slice(from, to))`
   * without making the string.
   */
  getRange(text: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    let slot = mix(h) & this.mask;
    const length = to - from;
    for (;;) {
      const index = this.table[slot];
      if (index < 0) {
        return index;
      }
      const id = this.list[index];
      if (id.length === length && text.startsWith(id, from)) {
        return index;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The index of `id`, interning it first when it is new. */
  add(id: string): number {
    let slot = hash(id) & this.mask;
    for (;;) {
      const index = this.table[slot];
      if (index < 0) {
        break;
      }
      if (this.list[index] === id) {
        return index;
      }
      slot = (slot + 1) & this.mask;
    }
    const index = this.list.length;
    this.list.push(id);
    this.table[slot] = index;
    if (this.list.length * 2 > this.table.length) {
      this.grow();
    }
    return index;
  }

  /** A copy where the id of index `order[i]` gets index `i` (`newIndex` is the inverse of `order`). */
  permuted(order: Int32Array, newIndex: Int32Array): IdIndex {
    const copy = new IdIndex(0);
    copy.table = this.table.map((index) => (index < 0 ? index : newIndex[index]));
    copy.mask = this.mask;
    copy.list = Array.from(order, (old) => this.list[old]);
    return copy;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.mask = this.table.length - 1;
    this.list.forEach((id, index) => {
      let slot = hash(id) & this.mask;
      while (this.table[slot] >= 0) {
        slot = (slot + 1) & this.mask;
      }
      this.table[slot] = index;
    });
  }
}

/** FNV-1a over UTF-16 code units, finished with murmur3's mixer so that similar ids spread well. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  }
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
