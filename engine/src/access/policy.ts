import type { Role } from '../members/member.entity';

/**
 * Who may do what, in one place. `anyone` lets anonymous callers in where the collective is
 * public; otherwise the caller must hold one of the listed roles in the collective.
 */
export const POLICY = {
  'collective.read': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'collective.configure': { roles: ['organiser'], anyoneIfPublic: false },
  'topic.create': { roles: ['organiser'], anyoneIfPublic: false },
  'member.manage': { roles: ['organiser'], anyoneIfPublic: false },
  'member.search': { roles: ['member', 'organiser', 'deputy'], anyoneIfPublic: false },
  'bill.create': { roles: ['organiser'], anyoneIfPublic: false },
  'bill.read': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'ballot.manage': { roles: ['organiser'], anyoneIfPublic: false },
  'ballot.read': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'vote.cast': { roles: ['member'], anyoneIfPublic: false },
  'delegation.manage': { roles: ['member'], anyoneIfPublic: false },
  'representation.read': { roles: ['member'], anyoneIfPublic: false },
  'record.read': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'deputy.volunteer': { roles: ['member'], anyoneIfPublic: false },
  'deputy.certify': { roles: ['organiser'], anyoneIfPublic: false },
  'sortition.manage': { roles: ['organiser'], anyoneIfPublic: false },
  'mandate.read-own': { roles: ['deputy'], anyoneIfPublic: false },
  'mandate.read-public': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'compliance.declare': { roles: ['deputy'], anyoneIfPublic: false },
  'compliance.check': { roles: ['organiser'], anyoneIfPublic: false },
  'compliance.read': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: true },
  'notice.manage': { roles: ['member', 'organiser', 'deputy', 'observer'], anyoneIfPublic: false },
} as const satisfies Record<string, { roles: readonly Role[]; anyoneIfPublic: boolean }>;

export type Action = keyof typeof POLICY;

export const ACTIONS = Object.keys(POLICY) as Action[];

/** The decision for one caller: their roles in the collective, and whether it is public. */
export function isAllowed(action: Action, roles: readonly Role[], collectiveIsPublic: boolean): boolean {
  const rule = POLICY[action];
  if (rule.anyoneIfPublic && collectiveIsPublic) {
    return true;
  }
  return (rule.roles as readonly Role[]).some((role) => roles.includes(role));
}
