/**
 * What the API answers. The engine's own view types are imported (type-only, nothing of the server is
 * bundled) wherever they are decorator-free; the rest is typed from the engine's query views
 * (the `queries/` folders of engine/src/<feature>). The server's zod schemas validate inputs.
 */
// Shared contracts: the engine's own types, imported for their shape only (nothing of the server is bundled).
export type { Choice, Scope, SeatChoice, Seats, Totals } from '@liquide/engine/tally/types';
export type { Role } from '@liquide/engine/members/roles';
export type { MandateBase, MandateMethod, Visibility } from '@liquide/engine/ballots/ballot.types';
export type {
  BallotView,
  ChainLink,
  RepresentationView,
  TallyView,
} from '@liquide/engine/ballots/queries/ballot.queries';
export type { DelegationView } from '@liquide/engine/delegations/commands/set-delegation.command';
export type { FieldProblem } from '@liquide/engine/errors/validation';
export type { RowError } from '@liquide/engine/members/csv-members';
export type { ImportStarted } from '@liquide/engine/members/commands/member.commands';
import type {
  ChainLink,
  Choice,
  DelegationView,
  FieldProblem,
  MandateBase,
  MandateMethod,
  Role,
  RowError,
  Scope,
  SeatChoice,
  Seats,
  Totals,
  Visibility,
} from './shared-types';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** False until the address is proven by the mailed link: nothing is bound to the account before. */
  readonly emailVerified: boolean;
}

export interface CollectiveSettings {
  delegationCap?: number | null;
  visibility?: Visibility;
  mandateMethod?: MandateMethod;
  mandateBase?: MandateBase;
  deputies?: number;
  timezone?: string;
  public?: boolean;
}

export interface Topic {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export interface CollectiveView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly settings: CollectiveSettings;
  readonly topics: readonly Topic[];
  readonly me: { memberId: string; roles: readonly Role[]; votingRights: boolean } | null;
}

export interface BallotSummary {
  readonly id: string;
  readonly status: 'draft' | 'open' | 'closed';
  /** `amendment`: a vote on one amendment to the bill, never the bill's own vote. */
  readonly purpose: 'bill' | 'amendment';
  readonly opensAt: string;
  /** The scheduled end; `closedAt` is when the ballot really closed. */
  readonly closesAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  /** Final totals, seats and turnout once closed. */
  readonly result: { readonly totals: Totals; readonly seats: Seats | null; readonly turnout: number } | null;
}

export interface BillSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topicId: string | null;
  readonly status: string;
  readonly ballots: readonly BallotSummary[];
}

export interface Article {
  readonly heading: string;
  readonly text: string;
}

export interface BillView extends BillSummary {
  readonly collectiveId: string;
  readonly articles: readonly Article[];
}

export interface CarriedDelegation extends DelegationView {
  readonly from: ChainLink;
  readonly rank: number;
}

export interface MemberFound {
  readonly id: string;
  readonly displayName: string;
}

export interface ImportProgress {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly total: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: readonly RowError[];
}

export interface InstructionView {
  readonly ballotId: string;
  readonly billId: string;
  readonly deputy: string;
  readonly deputyName: string;
  readonly choice: SeatChoice;
  readonly issuedAt: string;
  readonly kid: string;
  readonly jws: string;
}

export interface VolunteerView {
  readonly memberId: string;
  readonly displayName: string;
  readonly statement: string;
  readonly certifiedOn: string | null;
  readonly eligible: boolean;
  readonly withdrawnAt: string | null;
}

export interface Quota {
  attribute: string;
  value: string;
  min: number;
  max: number;
}

export interface SortitionView {
  readonly id: string;
  readonly status: 'frozen' | 'committed' | 'drawn';
  readonly seats: number;
  readonly substituteCount: number;
  readonly poolHash: string;
  readonly seedCommitment: string | null;
  readonly publicValueSource: string | null;
  readonly proof: { panel: string[]; substitutes: string[]; seed?: string; publicValue?: string } | null;
}

export interface SeatView {
  readonly memberId: string;
  readonly displayName: string;
  readonly status: 'seated' | 'resigned' | 'ended';
}

/** Text in both languages (plugin titles, descriptions). */
export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

/** `GET /api/collectives/:id/plugins` (engine/src/plugins/commands/plugin.commands.ts, `PluginView`). */
export interface PluginView {
  readonly id: string;
  readonly version: string;
  readonly title: Bilingual;
  readonly description: Bilingual | null;
  readonly enabled: boolean;
  /** `{ global, phases }` with the defaults applied. */
  readonly settings: Record<string, unknown>;
  readonly preset: string | null;
  readonly updatedAt: string | null;
  /** JSON Schema of the settings (input side): the organiser's form is generated from it. */
  readonly settingsSchema: Record<string, unknown>;
  readonly phases: readonly string[];
  readonly presets: readonly { readonly name: string; readonly title: Bilingual }[];
  readonly actions: Readonly<Record<string, { roles: readonly Role[]; anyoneIfPublic?: boolean }>>;
  readonly web: {
    readonly components?: readonly { readonly name: string; readonly path: string; readonly slot: string }[];
    readonly routes?: readonly {
      readonly path: string;
      readonly component: string;
      readonly title: Bilingual;
    }[];
  };
}
