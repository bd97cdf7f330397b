import type {
  BillComplianceView,
  CollectiveComplianceView,
  DeputyComplianceView,
} from '@liquide/engine/compliance/queries/compliance.queries';
import type { ActualVoteChoice } from '@liquide/engine/compliance/compliance-rules';
import type { RollCallImported } from '@liquide/engine/compliance/commands/compliance.commands';
import type { ConsequenceSettings, ImportRollCallInput } from '@liquide/engine/compliance/compliance.schemas';
import type { ParliamentIdLine } from '@liquide/engine/compliance/queries/parliament-ids.query';
import { ApiError, call } from './client';

export type {
  ActualVoteView,
  BillComplianceView,
  CollectiveComplianceView,
  ComplianceLine,
  DeputyComplianceView,
} from '@liquide/engine/compliance/queries/compliance.queries';
export type { ActualVoteChoice, Compliance } from '@liquide/engine/compliance/compliance-rules';
export type { RollCallImported } from '@liquide/engine/compliance/commands/compliance.commands';
export type { ConsequenceSettings } from '@liquide/engine/compliance/compliance.schemas';
export type { ParliamentIdLine } from '@liquide/engine/compliance/queries/parliament-ids.query';

/** One row of a refused roll call, as the API reports it (message in the reader's language). */
export interface RollCallRowProblem {
  readonly row: number;
  readonly where: string;
  readonly parliamentId?: string;
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** The rows of a refused roll-call import (422), or none for any other error. */
export function refusedRows(error: unknown): readonly RollCallRowProblem[] {
  const body = error instanceof ApiError ? (error.body as { rows?: unknown } | null) : null;
  return Array.isArray(body?.rows) ? (body.rows as RollCallRowProblem[]) : [];
}

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
  importRollCall: (ballotId: string, body: ImportRollCallInput) =>
    call<RollCallImported>('POST', `/api/ballots/${id(ballotId)}/roll-call`, { body }),
  parliamentIds: (collectiveId: string) =>
    call<{ deputies: ParliamentIdLine[] }>('GET', `/api/collectives/${id(collectiveId)}/parliament-ids`),
  setParliamentIds: (collectiveId: string, mappings: { memberId: string; parliamentId: string }[]) =>
    call<{ mappings: number }>('PUT', `/api/collectives/${id(collectiveId)}/parliament-ids`, {
      body: { mappings },
    }),
  consequences: (collectiveId: string) =>
    call<ConsequenceSettings>('GET', `/api/collectives/${id(collectiveId)}/compliance/consequences`),
  setConsequences: (collectiveId: string, body: ConsequenceSettings) =>
    call<ConsequenceSettings>('PUT', `/api/collectives/${id(collectiveId)}/compliance/consequences`, {
      body,
    }),
};
