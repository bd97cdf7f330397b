import { defineErrors } from '../errors/error-catalog';

/** Error codes of the public record. */
export enum RecordErrorCode {
  CollectiveNotFound = 'record.collective_not_found',
  BallotNotFound = 'record.ballot_not_found',
}

export const RECORD_ERRORS = defineErrors({
  [RecordErrorCode.CollectiveNotFound]: {
    status: 404,
    fr: 'Collectif {collectiveId} introuvable',
    en: 'Collective {collectiveId} not found',
  },
  [RecordErrorCode.BallotNotFound]: {
    status: 404,
    fr: 'Aucun scrutin clos {ballotId} dans le registre public de ce collectif',
    en: 'No closed ballot {ballotId} in this collective’s public record',
  },
});
