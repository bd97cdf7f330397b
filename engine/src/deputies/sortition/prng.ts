import { utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '../../tally/sha256';

/**
 * A replayable random stream: block `i` is `SHA-256(UTF-8("<seed>:<label>:<i>"))`, read as eight big-endian
 * unsigned 32-bit words. Independent streams of one seed differ by their label.
 */
export class SeededRandom {
  private block: Uint32Array = new Uint32Array(0);
  private used = 0;
  private counter = 0;

  constructor(
    private readonly seed: string,
    private readonly label: string,
  ) {}

  /** The next unsigned 32-bit word. */
  nextUint32(): number {
    if (this.used >= this.block.length) {
      const digest = new DataView(sha256(utf8ToBytes(`${this.seed}:${this.label}:${this.counter}`)).buffer);
      this.counter += 1;
      this.block = new Uint32Array(8);
      for (let i = 0; i < 8; i++) {
        this.block[i] = digest.getUint32(i * 4);
      }
      this.used = 0;
    }
    return this.block[this.used++];
  }

  /**
   * A uniform integer in `[0, n)`, `1 ≤ n ≤ 2^53`, without modulo bias (rejection sampling). Up to 2^32 it
   * reads one word per try; above, two words make a 53-bit integer (the high word's 32 bits, then the low
   * word's top 21). Streams of earlier proofs (all below 2^32) replay unchanged.
   */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`below: n must be an integer from 1 to 2^53 (got ${n})`);
    }
    if (n <= 2 ** 32) {
      const limit = Math.floor(2 ** 32 / n) * n;
      for (;;) {
        const x = this.nextUint32();
        if (x < limit) {
          return x % n;
        }
      }
    }
    const limit = Math.floor(2 ** 53 / n) * n;
    for (;;) {
      const x = this.nextUint32() * 2 ** 21 + (this.nextUint32() >>> 11);
      if (x < limit) {
        return x % n;
      }
    }
  }
}

/** Seeded Fisher–Yates (Durstenfeld): a uniform permutation of `items`, a copy. */
export function shuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
