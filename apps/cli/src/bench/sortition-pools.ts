import type { PoolEntry, Quota } from '@liquide/engine/deputies/sortition/types';
import { SeededRandom } from '@liquide/engine/deputies/sortition/prng';

/** A feature: its values, their shares among volunteers (who self-select) and in the population. */
interface Feature {
  readonly name: string;
  readonly values: readonly string[];
  readonly poolShares: readonly number[];
  readonly populationShares: readonly number[];
}

const FEATURES: readonly Feature[] = [
  {
    name: 'gender',
    values: ['f', 'h', 'x'],
    poolShares: [0.42, 0.55, 0.03],
    populationShares: [0.5, 0.48, 0.02],
  },
  {
    name: 'age',
    values: ['16-29', '30-44', '45-59', '60+'],
    poolShares: [0.12, 0.22, 0.3, 0.36],
    populationShares: [0.22, 0.25, 0.26, 0.27],
  },
  {
    name: 'region',
    values: ['nord', 'sud', 'est', 'ouest', 'centre'],
    poolShares: [0.3, 0.15, 0.2, 0.2, 0.15],
    populationShares: [0.2, 0.2, 0.2, 0.2, 0.2],
  },
  {
    name: 'education',
    values: ['primaire', 'secondaire', 'supérieur'],
    poolShares: [0.1, 0.35, 0.55],
    populationShares: [0.25, 0.45, 0.3],
  },
  { name: 'urbanity', values: ['urbain', 'rural'], poolShares: [0.75, 0.25], populationShares: [0.65, 0.35] },
  {
    name: 'opinion',
    values: ['très', 'assez', 'peu'],
    poolShares: [0.5, 0.3, 0.2],
    populationShares: [0.3, 0.4, 0.3],
  },
];

/**
 * A generated pool: `volunteers` with the first `features` features, drawn with skewed shares (volunteers
 * over-represent some values), and tight quotas — each value's population share of the seats, ±`slack`
 * seats. Deterministic for the same arguments.
 */
export function generatedPool(
  volunteers: number,
  seats: number,
  features: number,
  slack = 1,
): { pool: PoolEntry[]; quotas: Quota[] } {
  const random = new SeededRandom('liquide-bench-sortition', `${volunteers}/${seats}/${features}`);
  const used = FEATURES.slice(0, features);
  const pick = (shares: readonly number[]): number => {
    let r = random.nextUint32() / 2 ** 32;
    for (let v = 0; v < shares.length; v++) {
      r -= shares[v];
      if (r < 0) {
        return v;
      }
    }
    return shares.length - 1;
  };
  const pool = Array.from({ length: volunteers }, (_, i) => ({
    id: `p${String(i).padStart(5, '0')}`,
    attributes: Object.fromEntries(used.map((f) => [f.name, f.values[pick(f.poolShares)]])),
  }));
  const quotas = used.flatMap((f) =>
    f.values.map((value, v) => {
      const share = f.populationShares[v] * seats;
      return {
        attribute: f.name,
        value,
        min: Math.max(0, Math.floor(share) - slack),
        max: Math.ceil(share) + slack,
      };
    }),
  );
  return { pool, quotas };
}
