import { defineErrors } from '../errors/error-catalog';

/** Refusals of a vote or of its withdrawal, in French and English (the ballot's own state: ballots.errors). */
export enum VoteErrorCode {
  NoVotingRights = 'vote.no_voting_rights',
  NoVote = 'vote.none',
  RequestIdReused = 'vote.request_id_reused',
  WrongMethod = 'vote.wrong_method',
}

export const VOTE_ERRORS = defineErrors({
  [VoteErrorCode.NoVotingRights]: {
    status: 403,
    fr: 'Vous n’avez pas le droit de vote dans ce collectif',
    en: 'You have no voting rights in this collective',
  },
  [VoteErrorCode.NoVote]: {
    status: 404,
    fr: 'Vous n’avez pas voté sur ce scrutin',
    en: 'You have not voted on this ballot',
  },
  [VoteErrorCode.RequestIdReused]: {
    status: 409,
    fr: 'Cet identifiant de requête a déjà servi pour un autre scrutin',
    en: 'This request id was already used for another ballot',
  },
  [VoteErrorCode.WrongMethod]: {
    status: 422,
    fr: 'Ce scrutin ne se vote pas ainsi\u202f: « choice » (oui, non, abstention) sur un scrutin oui / non / abstention, « ballot » sur un scrutin à méthode ({method})',
    en: 'This ballot is not voted that way: "choice" (yes, no, abstain) on a yes / no / abstain ballot, "ballot" on a method ballot ({method})',
  },
});
