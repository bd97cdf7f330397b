import { defineErrors } from '../errors/error-catalog';

/** Refusals of a vote or of its withdrawal, in French and English (the ballot's own state: ballots.errors). */
export enum VoteErrorCode {
  NoVotingRights = 'vote.no_voting_rights',
  NoVote = 'vote.none',
  RequestIdReused = 'vote.request_id_reused',
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
});
