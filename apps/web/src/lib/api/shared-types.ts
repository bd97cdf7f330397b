/** The engine's types this file's own interfaces refer to (see types.ts). */
export type { Choice, Scope, SeatChoice, Seats, Totals } from '@liquide/engine/tally/types';
export type { Role } from '@liquide/engine/members/roles';
export type { ChainLink } from '@liquide/engine/ballots/queries/ballot.queries';
export type { DelegationView } from '@liquide/engine/delegations/commands/set-delegation.command';
export type { FieldProblem } from '@liquide/engine/errors/validation';
export type { RowError } from '@liquide/engine/members/csv-members';
export type { MandateBase, MandateMethod, Visibility } from '@liquide/engine/ballots/ballot.types';
