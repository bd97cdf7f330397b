import { canonicalJson } from '../../record/canonical-json';
import { compareStrings } from '../../tally/draw';
import { sha256Hex } from '../../tally/sha256';
import type { PoolEntry, Quota } from './types';

export { sha256Hex };

/**
 * The pool as it is frozen and published: entries sorted by id (UTF-16 code units), each keeping only the
 * attributes some quota uses (so no other personal attribute is published). Households (any key, e.g. an
 * address) are replaced by opaque labels `h1`, `h2`… in order of their first member, and only kept for
 * households of two volunteers or more: the published pool says who shares a household, never where.
 */
export function canonicalPool(entries: readonly PoolEntry[], quotas: readonly Quota[]): PoolEntry[] {
  const used = [...new Set(quotas.map((q) => q.attribute))].sort(compareStrings);
  const seen = new Set<string>();
  const sorted = [...entries].sort((a, b) => compareStrings(a.id, b.id));
  const size = new Map<string, number>();
  sorted.forEach((e) => e.household !== undefined && size.set(e.household, (size.get(e.household) ?? 0) + 1));
  const labels = new Map<string, string>();
  for (const entry of sorted) {
    const key = entry.household;
    if (key !== undefined && (size.get(key) ?? 0) > 1 && !labels.has(key)) {
      labels.set(key, `h${labels.size + 1}`);
    }
  }
  return sorted.map((entry) => {
    if (seen.has(entry.id)) {
      throw new RangeError(`pool: volunteer "${entry.id}" appears twice`);
    }
    seen.add(entry.id);
    const attributes: Record<string, string> = {};
    for (const name of used) {
      const value = entry.attributes[name];
      if (value !== undefined) {
        attributes[name] = value;
      }
    }
    const household = entry.household === undefined ? undefined : labels.get(entry.household);
    return household === undefined ? { id: entry.id, attributes } : { id: entry.id, attributes, household };
  });
}

/** `poolHash = SHA-256(canonical JSON of the canonical pool)`. */
export function poolHash(pool: readonly PoolEntry[]): string {
  return sha256Hex(canonicalJson(pool));
}

/** `seedCommitment = SHA-256(UTF-8(seed))`, published before the draw. */
export function seedCommitment(seed: string): string {
  return sha256Hex(seed);
}

/**
 * `finalSeed = SHA-256(UTF-8(JSON.stringify(["liquide-sortition/1", seed, publicValue])))`: the revealed
 * secret seed combined with the public value announced in advance (a lottery draw, a block hash…). The JSON
 * array is an unambiguous concatenation: no two (seed, publicValue) pairs give the same text.
 */
export function finalSeed(seed: string, publicValue: string): string {
  return sha256Hex(JSON.stringify(['liquide-sortition/1', seed, publicValue]));
}

/** The proof's own hash: SHA-256 of the canonical JSON of every other field. */
export function proofHash(proofWithoutHash: Readonly<Record<string, unknown>>): string {
  const { proofHash: _ignored, ...rest } = proofWithoutHash;
  return sha256Hex(canonicalJson(rest));
}
