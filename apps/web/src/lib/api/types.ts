/**
 * What the API answers, typed by hand from the engine's query views (engine/src/domain/queries,
 * engine/src/ballots/queries, engine/src/deputies/queries): the server's zod schemas validate inputs, the
 * views below describe outputs.
 */
export type Choice = 'yes' | 'no' | 'abstain';
export type SeatChoice = Choice | 'absent';
export type Role = 'member' | 'organiser' | 'deputy' | 'observer';
export type Scope = 'global' | 'topic' | 'bill';
export type Visibility = 'live' | 'after-vote' | 'after-close';
export type MandateMethod = 'largest-remainder' | 'dhondt' | 'sainte-lague';
export type MandateBase = 'cast' | 'members';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
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
  readonly opensAt: string;
  readonly closesAt: string;
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

export interface Totals {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly absent: number;
}

export type Seats = Partial<Record<SeatChoice, number>> & { yes: number; no: number; abstain: number };

export interface TallyView {
  readonly totals: Totals;
  readonly seats: Seats | null;
  readonly turnout: number;
  readonly delegatedShare: number;
  readonly final: boolean;
}

export interface BallotView {
  readonly id: string;
  readonly collectiveId: string;
  readonly billId: string;
  readonly status: 'draft' | 'open' | 'closed';
  readonly opensAt: string;
  readonly closesAt: string;
  readonly visibility: Visibility;
  readonly mandate: { method: MandateMethod; base: MandateBase; deputies: number };
  readonly tally: TallyView | null;
  readonly hiddenUntil?: 'vote' | 'close';
}

export interface ChainLink {
  readonly memberId: string;
  readonly displayName: string;
}

export type RepresentationView =
  | { readonly status: 'votes'; readonly choice: Choice }
  | {
      readonly status: 'represented';
      readonly chain: readonly ChainLink[];
      readonly voter: ChainLink;
      readonly choice: Choice;
      readonly excess?: number;
    }
  | { readonly status: 'lost'; readonly reason: 'cycle' | 'dead-end'; readonly chain: readonly ChainLink[] }
  | { readonly status: 'absent' | 'inactive' | 'not-member' };

export interface DelegationView {
  readonly scope: Scope;
  readonly target: string | null;
  readonly trustees: readonly string[];
  readonly expiresAt: string | null;
  readonly updatedAt: string;
}

export interface CarriedDelegation extends DelegationView {
  readonly from: ChainLink;
  readonly rank: number;
}

export interface MemberFound {
  readonly id: string;
  readonly displayName: string;
}

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export interface RowError {
  readonly line: number;
  readonly problems: readonly FieldProblem[];
}

export interface ImportStarted {
  readonly importId: string;
  readonly total: number;
  readonly rejected: readonly RowError[];
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
