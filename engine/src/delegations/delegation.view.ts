import type { DelegationView } from './commands/set-delegation.command';
import type { Delegation } from './delegation.entity';

export function toDelegationView(delegation: Delegation): DelegationView {
  return {
    scope: delegation.scope,
    target: delegation.target,
    trustees: delegation.trustees,
    expiresAt: delegation.expiresAt?.toISOString() ?? null,
    updatedAt: delegation.updatedAt.toISOString(),
  };
}
