import type { PoolEntry, Quota } from './types';

/** Why a draw cannot run; the Nest layer renders it as a 4xx in French and English. */
export type SortitionErrorKind =
  'pool_too_small' | 'quota_infeasible' | 'duplicate_quota' | 'quotas_conflict';

/** A pure refusal of the sortition core, naming the quota at fault when there is one. */
export class SortitionError extends Error {
  constructor(
    readonly kind: SortitionErrorKind,
    readonly params: Readonly<Record<string, string | number>>,
  ) {
    super(`${kind}: ${JSON.stringify(params)}`);
    this.name = 'SortitionError';
  }
}

/** `region=Nord (min 2, max 4)`: how errors and docs name a quota. */
export function quotaLabel(quota: Quota): string {
  return `${quota.attribute}=${quota.value} (min ${quota.min}, max ${quota.max})`;
}

/** Whether a volunteer falls in a quota's category. */
export function inQuota(entry: PoolEntry, quota: Quota): boolean {
  return entry.attributes[quota.attribute] === quota.value;
}

/** The first quota a panel breaks, or undefined when it meets them all. */
export function brokenQuota(
  panel: readonly string[],
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
): Quota | undefined {
  const byId = new Map(pool.map((entry) => [entry.id, entry]));
  for (const quota of quotas) {
    let n = 0;
    for (const id of panel) {
      const entry = byId.get(id);
      if (entry && inQuota(entry, quota)) {
        n += 1;
      }
    }
    if (n < quota.min || n > quota.max) {
      return quota;
    }
  }
  return undefined;
}

function infeasible(quota: Quota, reason: string): SortitionError {
  return new SortitionError('quota_infeasible', { quota: quotaLabel(quota), reason });
}

/**
 * Cheap checks before any solver runs, each naming the quota it refuses: too few volunteers in a
 * category, a minimum above the seats, minimums of one attribute adding up to more than the seats, or
 * maximums that leave too few places. The solver finds the remaining, subtler conflicts.
 */
export function precheckQuotas(pool: readonly PoolEntry[], quotas: readonly Quota[], seats: number): void {
  if (seats > pool.length) {
    throw new SortitionError('pool_too_small', { seats, volunteers: pool.length });
  }
  const keys = new Set<string>();
  for (const quota of quotas) {
    const key = JSON.stringify([quota.attribute, quota.value]);
    if (keys.has(key)) {
      throw new SortitionError('duplicate_quota', { quota: quotaLabel(quota) });
    }
    keys.add(key);
    const available = pool.filter((entry) => inQuota(entry, quota)).length;
    if (available < quota.min) {
      throw infeasible(quota, `${available} eligible volunteer(s) / volontaire(s) éligible(s)`);
    }
    if (quota.min > seats) {
      throw infeasible(quota, `min > ${seats} seats / sièges`);
    }
  }
  for (const attribute of new Set(quotas.map((q) => q.attribute))) {
    const ofAttribute = quotas.filter((q) => q.attribute === attribute);
    let mins = 0;
    for (const quota of ofAttribute) {
      mins += quota.min;
      if (mins > seats) {
        throw infeasible(quota, `minimums of "${attribute}" exceed ${seats} seats / sièges`);
      }
    }
    const capped = ofAttribute.reduce(
      (sum, q) => sum + Math.min(q.max, pool.filter((entry) => inQuota(entry, q)).length),
      0,
    );
    const free = pool.filter((entry) => !ofAttribute.some((q) => inQuota(entry, q))).length;
    if (capped + free < seats) {
      throw infeasible(
        ofAttribute[ofAttribute.length - 1],
        `maximums of "${attribute}" leave fewer than ${seats} seats / sièges`,
      );
    }
  }
}
