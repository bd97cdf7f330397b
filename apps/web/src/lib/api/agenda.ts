import type {
  CreateAreaInput,
  CreateIssueInput,
  InitiativeInput,
  IssuePhase,
  RatingInput,
  ReviseInput,
} from '@liquide/plugin-agenda/contracts';
import { call } from './client';

export type { IssuePhase } from '@liquide/plugin-agenda/contracts';

/** `GET /api/collectives/:id/agenda` (plugins/agenda, `ListAgendaQuery`). */
export interface AgendaList {
  readonly areas: readonly { readonly id: string; readonly name: string; readonly topicId: string | null }[];
  readonly issues: readonly {
    readonly id: string;
    readonly areaId: string;
    readonly title: string;
    readonly phase: IssuePhase;
    readonly phaseEndsAt: string | null;
  }[];
}

export interface InitiativeView {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly revision: number;
  readonly status: 'candidate' | 'admitted' | 'dropped';
  readonly support: number;
  readonly supporters: number;
  readonly supportedByMe: boolean;
  readonly mine: boolean;
  readonly suggestions: readonly SuggestionView[];
  /** Earlier versions of the text, newest first. */
  readonly versions: readonly {
    readonly revision: number;
    readonly title: string;
    readonly text: string;
    readonly at: string;
  }[];
}

/** A suggestion to an initiative's authors: its ratings' count and average degree (−2 … +2). */
export interface SuggestionView {
  readonly id: string;
  readonly text: string;
  readonly ratings: number;
  readonly average: number | null;
}

/** The policy snapshot the issue runs under (durations in seconds). */
export interface IssuePolicy {
  readonly phases: {
    readonly admission: { readonly quorumPercent: number; readonly timeLimitSeconds: number };
    readonly discussion: { readonly durationSeconds: number };
    readonly verification: { readonly durationSeconds: number; readonly quorumPercent: number };
    readonly voting: { readonly durationSeconds: number };
  };
}

/** `GET /api/agenda/issues/:id` (`GetIssueQuery`). */
export interface IssueView {
  readonly id: string;
  readonly areaId: string;
  readonly billId: string;
  readonly title: string;
  readonly phase: IssuePhase;
  readonly phaseEndsAt: string | null;
  readonly timeline: readonly { readonly phase: IssuePhase; readonly at: string }[];
  readonly policy: IssuePolicy;
  readonly ballotId: string | null;
  readonly winner: string | null;
  readonly cancelReason: string | null;
  /** The electorate's whole weight: the quorums' base. */
  readonly eligible: number;
  readonly initiatives: readonly InitiativeView[];
}

const id = encodeURIComponent;

/** The agenda plugin's routes the client uses (docs/agenda.md "API"). */
export const agendaApi = {
  list: (collectiveId: string) => call<AgendaList>('GET', `/api/collectives/${id(collectiveId)}/agenda`),
  issue: (issueId: string) => call<IssueView>('GET', `/api/agenda/issues/${id(issueId)}`),
  support: (initiativeId: string) =>
    call<{ support: number; supporters: number; phase: IssuePhase }>(
      'PUT',
      `/api/agenda/initiatives/${id(initiativeId)}/support`,
    ),
  unsupport: (initiativeId: string) =>
    call<{ support: number; supporters: number; phase: IssuePhase }>(
      'DELETE',
      `/api/agenda/initiatives/${id(initiativeId)}/support`,
    ),
  createArea: (collectiveId: string, input: CreateAreaInput) =>
    call<{ id: string }>('POST', `/api/collectives/${id(collectiveId)}/agenda/areas`, { body: input }),
  /** A new issue with its first initiative, in an area (members). */
  raise: (areaId: string, input: CreateIssueInput) =>
    call<{ id: string; initiativeId: string }>('POST', `/api/agenda/areas/${id(areaId)}/issues`, {
      body: input,
    }),
  /** A competing initiative (admission, discussion). */
  addInitiative: (issueId: string, input: InitiativeInput) =>
    call<{ id: string }>('POST', `/api/agenda/issues/${id(issueId)}/initiatives`, { body: input }),
  /** A new version of one's own initiative (admission, discussion; 409 from verification on). */
  revise: (initiativeId: string, input: ReviseInput) =>
    call<{ revision: number }>('PUT', `/api/agenda/initiatives/${id(initiativeId)}/text`, { body: input }),
  suggest: (initiativeId: string, text: string) =>
    call<{ id: string }>('POST', `/api/agenda/initiatives/${id(initiativeId)}/suggestions`, {
      body: { text },
    }),
  rate: (suggestionId: string, input: RatingInput) =>
    call<{ ratings: number }>('PUT', `/api/agenda/suggestions/${id(suggestionId)}/rating`, { body: input }),
  /** A preference ballot: groups of option ids, best first (ties share a group). */
  rank: (ballotId: string, ranking: string[][], requestId: string) =>
    call<unknown>('PUT', `/api/ballots/${id(ballotId)}/vote`, { body: { ballot: { ranking }, requestId } }),
};
