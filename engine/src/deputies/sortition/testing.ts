import { sha256Hex } from './hash';
import type { PoolEntry } from './types';

/** `v01`…`vNN`, each with the attributes `pick(i)` gives: a pool for the specs. */
export function makePool(n: number, pick: (i: number) => Record<string, string> = () => ({})): PoolEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `v${String(i + 1).padStart(2, '0')}`,
    attributes: pick(i),
  }));
}

/** A fixed final seed per index, so that the statistical specs are deterministic. */
export function fixedSeed(i: number): string {
  return sha256Hex(`liquide-test-seed-${i}`);
}
