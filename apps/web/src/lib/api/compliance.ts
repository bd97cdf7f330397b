import type {
  BillComplianceView,
  CollectiveComplianceView,
  DeputyComplianceView,
} from '@liquide/engine/compliance/queries/compliance.queries';
import type { ActualVoteChoice } from '@liquide/engine/compliance/compliance-rules';
import { call } from './client';

export type {
  ActualVoteView,
  BillComplianceView,
  CollectiveComplianceView,
  ComplianceLine,
  DeputyComplianceView,
} from '@liquide/engine/compliance/queries/compliance.queries';
export type { ActualVoteChoice, Compliance } from '@liquide/engine/compliance/compliance-rules';

const id = encodeURIComponent;

/** Deputies' actual votes in parliament and their compliance with the signed instructions. */
export const complianceApi = {
  deputy: (collectiveId: string, memberId: string) =>
    call<DeputyComplianceView>(
      'GET',
      `/api/collectives/${id(collectiveId)}/deputies/${id(memberId)}/compliance`,
    ),
  mine: (collectiveId: string) =>
    call<DeputyComplianceView>('GET', `/api/collectives/${id(collectiveId)}/compliance/mine`),
  bill: (billId: string) => call<BillComplianceView>('GET', `/api/bills/${id(billId)}/compliance`),
  collective: (collectiveId: string) =>
    call<CollectiveComplianceView>('GET', `/api/collectives/${id(collectiveId)}/compliance`),
  declare: (
    ballotId: string,
    body: { vote: ActualVoteChoice; votedOn: string; rollCallUrl?: string; explanation?: string },
  ) => call<unknown>('PUT', `/api/ballots/${id(ballotId)}/actual-votes/mine`, { body }),
  confirm: (ballotId: string, memberId: string) =>
    call<unknown>('POST', `/api/ballots/${id(ballotId)}/actual-votes/${id(memberId)}/confirm`, { body: {} }),
};
