import { defineErrors } from '../errors/error-catalog';

/** Error codes of the public record. */
export enum RecordErrorCode {
  CollectiveNotFound = 'record.collective_not_found',
  BallotNotFound = 'record.ballot_not_found',
  NotAMotion = 'record.not_a_motion',
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
  [RecordErrorCode.NotAMotion]: {
    status: 422,
    fr: 'Le scrutin {ballotId} a été compté par la méthode « {method} »\u202f: Popolo ne décrit que les votes oui / non / abstention (voir results.csv)',
    en: 'Ballot {ballotId} was counted by the "{method}" method: Popolo describes yes / no / abstain votes only (see results.csv)',
  },
});
