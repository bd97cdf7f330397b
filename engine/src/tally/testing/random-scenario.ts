import { type DelegationV1, type ScenarioV1 } from '../scenario';
import { type Scope } from '../types';

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Id shapes mixed in one electorate: numbered, UUID-like, accented, CJK and astral (surrogate pairs). */
const ID_SHAPES = [
  (i: number) => `m${i}`,
  (i: number) => `${(i * 2654435761) >>> 0}`.padStart(10, '0'),
  (i: number) => `user-${i.toString(36)}-é`,
  (i: number) => `中${i}`,
  (i: number) => `😀${i % 7}x${i}`,
  (i: number) => `M${i}`,
];

/**
 * A random scenario of `size` members for comparing implementations: several id shapes (so that sorting by
 * UTF-16 code units matters), weights, inactive members, votes, delegations at every scope with 1–3 ranked
 * trustees (some outsiders), replaced and expiring entries, and sometimes a cap and a mandate.
 */
export function randomScenario(seed: number, size: number): ScenarioV1 {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const ids = Array.from({ length: size }, (_, i) => ID_SHAPES[i % ID_SHAPES.length](i));
  const anyone = (): string => (random() < 0.05 ? `outsider${Math.floor(random() * 5)}` : pick(ids));
  const members = ids.map((id) => ({
    id,
    ...(random() < 0.2 ? { weight: pick([2, 0.5, 1.25, 3]) } : {}),
    ...(random() < 0.05 ? { active: false } : random() < 0.05 ? { active: true } : {}),
  }));
  const delegations: DelegationV1[] = [];
  for (let i = 0; i < size * 1.2; i++) {
    const scope = pick<Scope>(['global', 'global', 'topic', 'bill']);
    const to = new Set<string>();
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      to.add(random() < 0.6 ? ids[Math.floor(random() * random() * Math.min(size, 30))] : anyone());
    }
    delegations.push({
      from: random() < 0.02 ? 'outsider9' : pick(ids),
      scope,
      ...(scope === 'topic' ? { topic: pick(['t0', 't1']) } : {}),
      to: random() < 0.03 ? [] : [...to],
      ...(random() < 0.1 ? { expiresAt: pick(['2026-01-01T00:00:00Z', '2027-06-01T12:00:00+02:00']) } : {}),
    });
  }
  const votes = Array.from({ length: Math.floor(size * 0.25) }, () => ({
    member: random() < 0.02 ? 'outsider1' : pick(ids),
    choice: pick(['yes', 'no', 'abstain'] as const),
  }));
  return {
    members: random() < 0.5 ? members : members.reverse(),
    bill: { id: 'b', ...(random() < 0.8 ? { topic: 't0' } : {}) },
    delegations,
    votes,
    ...(random() < 0.4 ? { cap: { maxShare: pick([0.01, 0.05, 0.2]) } } : {}),
    ...(random() < 0.5
      ? {
          mandate: {
            deputies: pick([1, 7, 30]),
            seed: `s${seed}`,
            ...(random() < 0.3 ? { base: 'members' as const } : {}),
            ...(random() < 0.5 ? { method: pick(['dhondt', 'sainte-lague'] as const) } : {}),
          },
        }
      : {}),
    ...(random() < 0.7 ? { at: '2026-06-01T00:00:00Z' } : {}),
  };
}
