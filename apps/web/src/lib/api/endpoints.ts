import type { JSONWebKeySet } from 'jose';
import { call } from './client';
import type { DrawJobView } from './deputies';
import type {
  AccountView,
  BallotView,
  BillSummary,
  BillView,
  CarriedDelegation,
  Choice,
  CollectiveSettings,
  CollectiveView,
  DelegationView,
  ImportProgress,
  ImportStarted,
  InstructionView,
  MemberFound,
  PluginView,
  Quota,
  RepresentationView,
  Scope,
  SeatView,
  SortitionView,
  TokenPair,
  Topic,
  VolunteerView,
} from './types';

const id = encodeURIComponent;

/** One typed function per API route the client uses (routes from engine/src/**\/http and auth). */
export const api = {
  login: (email: string, password: string) =>
    call<TokenPair>('POST', '/api/auth/login', { body: { email, password } }),
  /** Answers only "link sent", whether or not the address already had an account: sign in next. */
  register: (email: string, password: string, displayName: string) =>
    call<{ status: 'link_sent' }>('POST', '/api/auth/register', { body: { email, password, displayName } }),
  verifyEmail: (token: string) =>
    call<{ email: string; membershipsBound: number }>('POST', '/api/auth/verify-email', { body: { token } }),
  resendVerification: () => call<{ status: 'link_sent' }>('POST', '/api/auth/verify-email/resend'),
  changeEmail: (newEmail: string, password: string) =>
    call<{ status: 'link_sent' }>('POST', '/api/auth/email', { body: { newEmail, password } }),
  requestPasswordReset: (email: string) =>
    call<{ status: 'link_sent' }>('POST', '/api/auth/password-reset/request', { body: { email } }),
  resetPassword: (token: string, password: string) =>
    call<{ email: string; membershipsBound: number }>('POST', '/api/auth/password-reset', {
      body: { token, password },
    }),
  logout: (refreshToken: string) => call<null>('POST', '/api/auth/logout', { body: { refreshToken } }),
  me: () => call<AccountView>('GET', '/api/auth/me'),

  collective: (collectiveId: string) => call<CollectiveView>('GET', `/api/collectives/${id(collectiveId)}`),
  createCollective: (name: string, slug: string, settings: CollectiveSettings) =>
    call<{ id: string }>('POST', '/api/collectives', { body: { name, slug, settings } }),
  configure: (collectiveId: string, settings: CollectiveSettings) =>
    call<unknown>('PATCH', `/api/collectives/${id(collectiveId)}/settings`, { body: settings }),
  createTopic: (collectiveId: string, slug: string, name: string) =>
    call<Topic>('POST', `/api/collectives/${id(collectiveId)}/topics`, { body: { slug, name } }),

  bills: (collectiveId: string) => call<BillSummary[]>('GET', `/api/collectives/${id(collectiveId)}/bills`),
  bill: (billId: string) => call<BillView>('GET', `/api/bills/${id(billId)}`),
  createBill: (
    collectiveId: string,
    bill: {
      title: string;
      summary: string;
      topicId: string | null;
      articles: { heading: string; text: string }[];
    },
  ) => call<{ id: string }>('POST', `/api/collectives/${id(collectiveId)}/bills`, { body: bill }),
  createBallot: (collectiveId: string, billId: string, opensAt: string, closesAt: string) =>
    call<{ id: string }>('POST', `/api/collectives/${id(collectiveId)}/ballots`, {
      body: { billId, opensAt, closesAt },
    }),

  ballot: (ballotId: string) => call<BallotView>('GET', `/api/ballots/${id(ballotId)}`),
  /** Opens now; the window keeps its planned length unless `closesAt` names the end. */
  openBallot: (ballotId: string, closesAt?: string) =>
    call<null>('POST', `/api/ballots/${id(ballotId)}/open`, { body: closesAt ? { closesAt } : {} }),
  closeBallot: (ballotId: string) => call<unknown>('POST', `/api/ballots/${id(ballotId)}/close`),
  myVote: (ballotId: string) =>
    call<{ vote: { choice: Choice; castAt: string } | null }>('GET', `/api/ballots/${id(ballotId)}/vote`),
  vote: (ballotId: string, choice: Choice, requestId: string) =>
    call<unknown>('PUT', `/api/ballots/${id(ballotId)}/vote`, { body: { choice, requestId } }),
  withdraw: (ballotId: string) => call<null>('DELETE', `/api/ballots/${id(ballotId)}/vote`),
  representation: (ballotId: string) =>
    call<RepresentationView>('GET', `/api/ballots/${id(ballotId)}/representation`),

  myDelegations: (collectiveId: string) =>
    call<DelegationView[]>('GET', `/api/collectives/${id(collectiveId)}/delegations/mine`),
  delegationsToMe: (collectiveId: string) =>
    call<CarriedDelegation[]>('GET', `/api/collectives/${id(collectiveId)}/delegations/to-me`),
  delegate: (
    collectiveId: string,
    delegation: {
      scope: Scope;
      topicId?: string;
      billId?: string;
      trustees: string[];
      expiresAt: string | null;
    },
    requestId: string,
  ) =>
    call<DelegationView>('PUT', `/api/collectives/${id(collectiveId)}/delegations`, {
      body: { ...delegation, requestId },
    }),
  revoke: (collectiveId: string, scope: Scope, target: string | null, requestId: string) => {
    const query = new URLSearchParams({ scope, requestId });
    if (scope === 'topic' && target) {
      query.set('topicId', target);
    } else if (scope === 'bill' && target) {
      query.set('billId', target);
    }
    return call<null>('DELETE', `/api/collectives/${id(collectiveId)}/delegations?${query.toString()}`);
  },
  /** Active members whose name holds `search` (the first page of the directory, as a member sees it). */
  searchMembers: async (collectiveId: string, search: string) =>
    (
      await call<{ items: MemberFound[] }>(
        'GET',
        `/api/collectives/${id(collectiveId)}/members?search=${encodeURIComponent(search)}`,
      )
    ).items,

  importMembers: (collectiveId: string, csv: string) =>
    call<ImportStarted>('POST', `/api/collectives/${id(collectiveId)}/members/import`, {
      text: { content: csv, type: 'text/csv' },
    }),
  importProgress: (collectiveId: string, importId: string) =>
    call<ImportProgress>('GET', `/api/collectives/${id(collectiveId)}/members/imports/${id(importId)}`),

  myInstructions: (collectiveId: string) =>
    call<{ current: InstructionView[]; history: InstructionView[] }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/mandates/mine`,
    ),
  collectiveJwks: (collectiveId: string) =>
    call<JSONWebKeySet>('GET', `/api/collectives/${id(collectiveId)}/jwks.json`),
  deputies: (collectiveId: string) =>
    call<{ current: SeatView[]; history: SeatView[] }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/deputies`,
    ),

  volunteers: (collectiveId: string) =>
    call<VolunteerView[]>('GET', `/api/collectives/${id(collectiveId)}/volunteers`),
  certify: (collectiveId: string, memberId: string, certifiedOn: string, training: string) =>
    call<null>('PUT', `/api/collectives/${id(collectiveId)}/volunteers/${id(memberId)}/certification`, {
      body: { certifiedOn, training },
    }),
  freezePool: (collectiveId: string, seats: number, substitutes: number, quotas: Quota[]) =>
    call<{ id: string; poolHash: string; volunteers: number }>(
      'POST',
      `/api/collectives/${id(collectiveId)}/sortitions`,
      { body: { seats, substitutes, quotas } },
    ),
  sortition: (sortitionId: string) => call<SortitionView>('GET', `/api/sortitions/${id(sortitionId)}`),
  commitSeed: (sortitionId: string, publicValueSource: string) =>
    call<unknown>('POST', `/api/sortitions/${id(sortitionId)}/commitment`, { body: { publicValueSource } }),
  /** Starts the draw as a job (202): follow it with `deputiesApi.drawJob` and the `sortition:job` event. */
  draw: (sortitionId: string, publicValue: string) =>
    call<DrawJobView>('POST', `/api/sortitions/${id(sortitionId)}/draw`, { body: { publicValue } }),

  plugins: (collectiveId: string) =>
    call<PluginView[]>('GET', `/api/collectives/${id(collectiveId)}/plugins`),
  /** Enables or reconfigures: `{ settings }`, `{ preset }`, or `{}` for the defaults. */
  configurePlugin: (collectiveId: string, pluginId: string, body: { settings?: unknown; preset?: string }) =>
    call<PluginView>('PUT', `/api/collectives/${id(collectiveId)}/plugins/${id(pluginId)}`, { body }),
  disablePlugin: (collectiveId: string, pluginId: string) =>
    call<PluginView>('DELETE', `/api/collectives/${id(collectiveId)}/plugins/${id(pluginId)}`),
};

/** A fresh id for an idempotent write (a vote, a delegation). */
export function requestId(): string {
  return `web-${crypto.randomUUID()}`;
}
