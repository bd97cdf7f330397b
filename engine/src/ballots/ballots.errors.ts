import { defineErrors } from '../errors/error-catalog';

/** Refusals about a ballot's existence and its state, each naming the rule in French and English. */
export enum BallotErrorCode {
  BallotNotFound = 'ballot.not_found',
  BallotNotOpen = 'ballot.not_open',
  BallotOutsideWindow = 'ballot.outside_window',
  BallotWrongStatus = 'ballot.wrong_status',
  BallotEndInPast = 'ballot.end_in_past',
}

export const BALLOT_ERRORS = defineErrors({
  [BallotErrorCode.BallotNotFound]: { status: 404, fr: 'Scrutin introuvable', en: 'Ballot not found' },
  [BallotErrorCode.BallotNotOpen]: {
    status: 409,
    fr: 'Le scrutin n’est pas ouvert (état : {status})',
    en: 'The ballot is not open (status: {status})',
  },
  [BallotErrorCode.BallotOutsideWindow]: {
    status: 409,
    fr: 'Vote hors de la période d’ouverture ({opensAt} – {closesAt})',
    en: 'Vote outside the voting window ({opensAt} – {closesAt})',
  },
  [BallotErrorCode.BallotWrongStatus]: {
    status: 409,
    fr: 'Impossible : le scrutin est à l’état « {status} », il doit être « {expected} »',
    en: 'Not possible: the ballot is "{status}", it must be "{expected}"',
  },
  [BallotErrorCode.BallotEndInPast]: {
    status: 422,
    fr: 'La fin du vote doit être dans le futur et après son ouverture',
    en: 'The end of the vote must be in the future and after its opening',
  },
});
