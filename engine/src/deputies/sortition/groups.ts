import { canonicalJson } from '../../record/canonical-json';
import { inQuota } from './quotas';
import type { PoolEntry, Quota } from './types';

/**
 * Volunteers a LEXIMIN draw treats as interchangeable: the same quota attributes and no household shared
 * with anyone else in the pool. A volunteer who shares a household forms a group of one, so that the
 * "one per household" rule stays a constraint on groups. Groups are listed in the order of their first
 * member in the canonical pool; members keep the pool order. Verifiers recompute them from the pool.
 */
export interface Group {
  /** Pool indexes of the members, ascending. */
  readonly members: number[];
  /** The attributes every member has (the quota attributes only). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The household label when the single member shares a household, else undefined. */
  readonly household?: string;
}

/** A panel as a count per group (same order as the groups). */
export type Composition = number[];

/** The pool's groups of interchangeable volunteers. */
export function groupsOf(pool: readonly PoolEntry[]): Group[] {
  const householdSize = new Map<string, number>();
  for (const entry of pool) {
    if (entry.household !== undefined) {
      householdSize.set(entry.household, (householdSize.get(entry.household) ?? 0) + 1);
    }
  }
  const groups: { members: number[]; attributes: Record<string, string>; household?: string }[] = [];
  const byKey = new Map<string, number>();
  pool.forEach((entry, i) => {
    const shared = entry.household !== undefined && (householdSize.get(entry.household) ?? 0) > 1;
    if (shared) {
      groups.push({ members: [i], attributes: { ...entry.attributes }, household: entry.household });
      return;
    }
    const key = canonicalJson(entry.attributes);
    const known = byKey.get(key);
    if (known !== undefined) {
      groups[known].members.push(i);
      return;
    }
    byKey.set(key, groups.length);
    groups.push({ members: [i], attributes: { ...entry.attributes } });
  });
  return groups;
}

/** The model a LEXIMIN draw solves over groups: sizes, quota rows and household rows. */
export interface GroupModel {
  readonly groups: readonly Group[];
  readonly sizes: readonly number[];
  readonly seats: number;
  readonly quotas: readonly Quota[];
  /** For each quota, the groups it counts. */
  readonly quotaGroups: readonly (readonly number[])[];
  /** For each shared household, its groups (two or more singletons). */
  readonly households: readonly (readonly number[])[];
}

/** Builds the group model of a pool. */
export function groupModel(pool: readonly PoolEntry[], quotas: readonly Quota[], seats: number): GroupModel {
  const groups = groupsOf(pool);
  const quotaGroups = quotas.map((quota) =>
    groups.flatMap((group, g) => (inQuota({ id: '', attributes: group.attributes }, quota) ? [g] : [])),
  );
  const byHousehold = new Map<string, number[]>();
  groups.forEach((group, g) => {
    if (group.household !== undefined) {
      byHousehold.set(group.household, [...(byHousehold.get(group.household) ?? []), g]);
    }
  });
  return {
    groups,
    sizes: groups.map((group) => group.members.length),
    seats,
    quotas,
    quotaGroups,
    households: [...byHousehold.values()],
  };
}

/** The first rule a composition breaks (`seats`, a quota label, `household …`), or undefined. */
export function brokenRule(model: GroupModel, counts: readonly number[]): string | undefined {
  if (counts.length !== model.sizes.length) {
    return `counts: ${model.sizes.length} groups expected`;
  }
  for (let g = 0; g < counts.length; g++) {
    if (!Number.isInteger(counts[g]) || counts[g] < 0 || counts[g] > model.sizes[g]) {
      return `group ${g}: between 0 and ${model.sizes[g]} members`;
    }
  }
  if (counts.reduce((a, b) => a + b, 0) !== model.seats) {
    return `seats: exactly ${model.seats} members`;
  }
  for (let q = 0; q < model.quotas.length; q++) {
    const n = model.quotaGroups[q].reduce((sum, g) => sum + counts[g], 0);
    const quota = model.quotas[q];
    if (n < quota.min || n > quota.max) {
      return `quota ${quota.attribute}=${quota.value}: between ${quota.min} and ${quota.max}, not ${n}`;
    }
  }
  for (const household of model.households) {
    if (household.reduce((sum, g) => sum + counts[g], 0) > 1) {
      return `household ${model.groups[household[0]].household}: at most one member`;
    }
  }
  return undefined;
}
