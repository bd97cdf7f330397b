import type { DirectoryEntry, MemberPage } from '@liquide/engine/members/queries/list-members.query';
import type {
  InvitationAccepted,
  InvitationsSent,
  InvitationView,
  PendingInvitation,
} from '@liquide/engine/people/invitations/invitation.views';
import type {
  JoinRequestView,
  PendingJoinRequest,
} from '@liquide/engine/people/join-requests/join-request.commands';
import type { MyCollective } from '@liquide/engine/people/queries/my-collectives.query';
import { call } from './client';
import type { Role } from './types';

export type {
  DirectoryEntry,
  InvitationView,
  JoinRequestView,
  MemberPage,
  MyCollective,
  PendingInvitation,
  PendingJoinRequest,
};

const id = encodeURIComponent;

/** The directory's filters as the organiser sets them (`undefined`: any). */
export interface DirectoryFilters {
  readonly search: string;
  readonly role?: Role;
  readonly active?: boolean;
  readonly joined?: boolean;
  readonly page: number;
  readonly size: number;
}

function directoryQuery(filters: DirectoryFilters): string {
  const query = new URLSearchParams({
    search: filters.search,
    page: String(filters.page),
    size: String(filters.size),
  });
  if (filters.role) {
    query.set('role', filters.role);
  }
  if (filters.active !== undefined) {
    query.set('active', String(filters.active));
  }
  if (filters.joined !== undefined) {
    query.set('joined', String(filters.joined));
  }
  return query.toString();
}

/** Routes of engine/src/people and the members directory (engine/src/members/members.controller.ts). */
export const peopleApi = {
  myCollectives: () => call<MyCollective[]>('GET', '/api/me/collectives'),

  directory: (collectiveId: string, filters: DirectoryFilters) =>
    call<MemberPage<DirectoryEntry>>(
      'GET',
      `/api/collectives/${id(collectiveId)}/members?${directoryQuery(filters)}`,
    ),
  setActive: (collectiveId: string, memberId: string, active: boolean) =>
    call<null>('PATCH', `/api/collectives/${id(collectiveId)}/members/${id(memberId)}`, { body: { active } }),
  setRole: (collectiveId: string, memberId: string, role: Role, grant: boolean) =>
    call<{ roles: Role[] }>(
      grant ? 'PUT' : 'DELETE',
      `/api/collectives/${id(collectiveId)}/members/${id(memberId)}/roles/${id(role)}`,
    ),
  addMember: (collectiveId: string, body: { email: string; displayName: string; invite: boolean }) =>
    call<{ id: string; invited: boolean }>('POST', `/api/collectives/${id(collectiveId)}/members`, { body }),

  inviteNotJoined: (collectiveId: string) =>
    call<InvitationsSent>('POST', `/api/collectives/${id(collectiveId)}/invitations`, {
      body: { notJoined: true },
    }),
  resendInvitation: (collectiveId: string, memberId: string) =>
    call<InvitationsSent>('POST', `/api/collectives/${id(collectiveId)}/invitations/${id(memberId)}/resend`),
  revokeInvitation: (collectiveId: string, memberId: string) =>
    call<null>('DELETE', `/api/collectives/${id(collectiveId)}/invitations/${id(memberId)}`),
  pendingInvitations: (collectiveId: string, page: number) =>
    call<{ items: PendingInvitation[]; total: number; page: number; size: number }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/invitations?page=${page}&size=20`,
    ),

  invitation: (token: string) => call<InvitationView>('GET', `/api/invitations/${id(token)}`),
  acceptInvitation: (token: string, body: { displayName?: string; password?: string }) =>
    call<InvitationAccepted>('POST', `/api/invitations/${id(token)}/accept`, { body }),

  requestToJoin: (collectiveId: string, message: string) =>
    call<JoinRequestView>('POST', `/api/collectives/${id(collectiveId)}/join-requests`, {
      body: { message },
    }),
  myJoinRequest: (collectiveId: string) =>
    call<{ request: JoinRequestView | null }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/join-requests/mine`,
    ),
  joinRequests: (collectiveId: string) =>
    call<{ items: PendingJoinRequest[]; total: number }>(
      'GET',
      `/api/collectives/${id(collectiveId)}/join-requests`,
    ),
  decideJoinRequest: (collectiveId: string, requestId: string, approve: boolean) =>
    call<{ status: string }>(
      'POST',
      `/api/collectives/${id(collectiveId)}/join-requests/${id(requestId)}/decision`,
      {
        body: { approve },
      },
    ),
};
