import type {
  AmendmentKind,
  AmendmentResult,
  AmendmentStatus,
  ProposeAmendmentInput,
} from '@liquide/plugin-amendments/contracts';
import type {
  ContributeInput,
  ContributionKind,
  PhaseName,
  PhasePermissions,
  SynthesisInput,
} from '@liquide/plugin-co-drafting/contracts';
import type { TextDiff } from '@liquide/engine/texts/text-diff';
import type { TextVersionView, VersionReason } from '@liquide/engine/texts/text.types';
import { call } from './client';

export type { AmendmentKind, AmendmentResult, AmendmentStatus } from '@liquide/plugin-amendments/contracts';
export type { ContributionKind, Permission, PhaseName } from '@liquide/plugin-co-drafting/contracts';
export type { ArticleDiff, DiffPart, TextDiff } from '@liquide/engine/texts/text-diff';
export type { TextArticle, TextVersionView } from '@liquide/engine/texts/text.types';

/** A contribution on one article (plugins/co-drafting/src/server/queries, `CoDraftingView`). */
export interface Contribution {
  readonly id: string;
  readonly articleId: string;
  readonly authorId: string;
  readonly kind: ContributionKind;
  readonly heading: string | null;
  readonly text: string;
  readonly phase: PhaseName;
  readonly supports: number;
  readonly supportedByMe: boolean;
  readonly createdAt: string;
}

/** An organiser's synthesis of one article, linking the contributions it takes up. */
export interface Synthesis {
  readonly id: string;
  readonly articleId: string;
  readonly authorId: string;
  readonly text: string;
  readonly contributionIds: readonly string[];
  readonly versionNumber: number | null;
  readonly createdAt: string;
}

/** `GET /api/bills/:billId/co-drafting`. */
export interface CoDraftingView {
  readonly billId: string;
  readonly phases: readonly PhaseName[];
  readonly current: PhaseName;
  readonly permissions: PhasePermissions;
  readonly contributions: readonly Contribution[];
  readonly syntheses: readonly Synthesis[];
}

/** An amendment (plugins/amendments/src/server/queries, `amendmentView`). */
export interface AmendmentView {
  readonly id: string;
  readonly billId: string;
  readonly articleId: string;
  readonly authorId: string | null;
  readonly kind: AmendmentKind;
  readonly heading: string | null;
  readonly text: string | null;
  readonly newArticleId: string | null;
  readonly rationale: string;
  readonly baseVersion: number;
  readonly status: AmendmentStatus;
  readonly ballotId: string | null;
  readonly contestId: string | null;
  readonly result: AmendmentResult | null;
  readonly mergedVersion: number | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

/** A ranked contest between competing amendments on one article (`contestView`). */
export interface ContestView {
  readonly id: string;
  readonly billId: string;
  readonly articleId: string;
  readonly status: 'open' | 'closed';
  readonly seed: string;
  /** Amendment ids and `status-quo`. */
  readonly options: readonly string[];
  readonly winner: string | null;
  readonly result: unknown;
  readonly createdAt: string;
  readonly closedAt: string | null;
}

/** `GET /api/bills/:billId/amendments`. */
export interface BillAmendmentsView {
  readonly billId: string;
  readonly phase: { readonly open: boolean; readonly closesAt: string | null };
  readonly amendments: readonly AmendmentView[];
  readonly contests: readonly ContestView[];
  readonly decisions: readonly { ballotId: string; version: number; adopted: boolean; decidedAt: string }[];
}

/** A version in the history list, without its text (`VersionSummary`). */
export interface VersionSummary {
  readonly number: number;
  readonly authorId: string | null;
  readonly reason: VersionReason;
  readonly createdAt: string;
  readonly articles: number;
  readonly sections: number;
}

export type ExportFormat = 'json' | 'md' | 'akn.xml';

const id = encodeURIComponent;

/** The engine's versioned texts (docs/texts.md). */
export const textsApi = {
  versions: (billId: string) =>
    call<{ billId: string; versions: VersionSummary[] }>('GET', `/api/bills/${id(billId)}/versions`),
  latest: (billId: string) => call<TextVersionView>('GET', `/api/bills/${id(billId)}/versions/latest`),
  diff: (billId: string, from: number, to: number) =>
    call<TextDiff>('GET', `/api/bills/${id(billId)}/diff?from=${from}&to=${to}`),
  exportUrl: (billId: string, number: number, format: ExportFormat) =>
    `/api/bills/${id(billId)}/versions/${number}.${format}`,
};

/** The co-drafting plugin's routes (plugins/co-drafting/README.md). */
export const coDraftingApi = {
  get: (billId: string) => call<CoDraftingView>('GET', `/api/bills/${id(billId)}/co-drafting`),
  start: (billId: string) => call<unknown>('PUT', `/api/bills/${id(billId)}/co-drafting`, { body: {} }),
  movePhase: (billId: string, phase: PhaseName) =>
    call<unknown>('POST', `/api/bills/${id(billId)}/co-drafting/phase`, { body: { phase } }),
  contribute: (billId: string, input: ContributeInput) =>
    call<{ id: string }>('POST', `/api/bills/${id(billId)}/co-drafting/contributions`, { body: input }),
  support: (contributionId: string, on: boolean) =>
    call<unknown>(on ? 'PUT' : 'DELETE', `/api/co-drafting/contributions/${id(contributionId)}/support`),
  synthesise: (billId: string, input: SynthesisInput) =>
    call<{ id: string }>('POST', `/api/bills/${id(billId)}/co-drafting/syntheses`, { body: input }),
};

/** The amendments plugin's routes (plugins/amendments/README.md); votes go through `api.vote`. */
export const amendmentsApi = {
  list: (billId: string) => call<BillAmendmentsView>('GET', `/api/bills/${id(billId)}/amendments`),
  setPhase: (billId: string, open: boolean) =>
    call<unknown>('PUT', `/api/bills/${id(billId)}/amendments/phase`, { body: { open } }),
  propose: (billId: string, input: ProposeAmendmentInput) =>
    call<AmendmentView>('POST', `/api/bills/${id(billId)}/amendments`, { body: input }),
  withdraw: (amendmentId: string) => call<unknown>('POST', `/api/amendments/${id(amendmentId)}/withdraw`),
  putToVote: (amendmentId: string) =>
    call<{ ballotId: string }>('POST', `/api/amendments/${id(amendmentId)}/ballot`, { body: {} }),
  createContest: (billId: string, articleId: string, amendmentIds: string[]) =>
    call<{ id: string }>('POST', `/api/bills/${id(billId)}/amendment-contests`, {
      body: { articleId, amendmentIds },
    }),
  rank: (contestId: string, ranking: string[]) =>
    call<unknown>('PUT', `/api/amendment-contests/${id(contestId)}/ranking`, { body: { ranking } }),
  closeContest: (contestId: string) =>
    call<{ winner: string }>('POST', `/api/amendment-contests/${id(contestId)}/close`),
};
