import { defineErrors } from '../errors/error-catalog';

/** Refusals of the voting domain, each naming the rule in French and English. */
export enum DomainErrorCode {
  BallotNotFound = 'ballot.not_found',
  BallotNotOpen = 'ballot.not_open',
  BallotOutsideWindow = 'ballot.outside_window',
  BallotWrongStatus = 'ballot.wrong_status',
  BallotEndInPast = 'ballot.end_in_past',
  BillNotFound = 'bill.not_found',
  TopicNotFound = 'topic.not_found',
  TopicExists = 'topic.exists',
  SlugTaken = 'collective.slug_taken',
  NoVotingRights = 'vote.no_voting_rights',
  NoVote = 'vote.none',
  RequestIdReused = 'vote.request_id_reused',
  SelfDelegation = 'delegation.self',
  TrusteeNotMember = 'delegation.trustee_not_member',
  DuplicateTrustee = 'delegation.duplicate_trustee',
  DelegationExpiryPast = 'delegation.expiry_in_past',
  DelegationNotFound = 'delegation.not_found',
  MemberNotFound = 'member.not_found',
  LastOrganiser = 'member.last_organiser',
  ImportNotFound = 'member.import_not_found',
  ImportEmpty = 'member.import_empty',
  CsvMalformed = 'member.csv_malformed',
}

export const DOMAIN_ERRORS = defineErrors({
  [DomainErrorCode.BallotNotFound]: { status: 404, fr: 'Scrutin introuvable', en: 'Ballot not found' },
  [DomainErrorCode.BallotNotOpen]: {
    status: 409,
    fr: 'Le scrutin n’est pas ouvert (état : {status})',
    en: 'The ballot is not open (status: {status})',
  },
  [DomainErrorCode.BallotOutsideWindow]: {
    status: 409,
    fr: 'Vote hors de la période d’ouverture ({opensAt} – {closesAt})',
    en: 'Vote outside the voting window ({opensAt} – {closesAt})',
  },
  [DomainErrorCode.BallotWrongStatus]: {
    status: 409,
    fr: 'Impossible : le scrutin est à l’état « {status} », il doit être « {expected} »',
    en: 'Not possible: the ballot is "{status}", it must be "{expected}"',
  },
  [DomainErrorCode.BallotEndInPast]: {
    status: 422,
    fr: 'La fin du vote doit être dans le futur et après son ouverture',
    en: 'The end of the vote must be in the future and after its opening',
  },
  [DomainErrorCode.BillNotFound]: { status: 404, fr: 'Projet de loi introuvable', en: 'Bill not found' },
  [DomainErrorCode.TopicNotFound]: { status: 404, fr: 'Thème introuvable', en: 'Topic not found' },
  [DomainErrorCode.TopicExists]: {
    status: 409,
    fr: 'Un thème porte déjà l’identifiant « {slug} »',
    en: 'A topic already has the slug "{slug}"',
  },
  [DomainErrorCode.SlugTaken]: {
    status: 409,
    fr: 'L’identifiant « {slug} » est déjà pris',
    en: 'The slug "{slug}" is already taken',
  },
  [DomainErrorCode.NoVotingRights]: {
    status: 403,
    fr: 'Vous n’avez pas le droit de vote dans ce collectif',
    en: 'You have no voting rights in this collective',
  },
  [DomainErrorCode.NoVote]: {
    status: 404,
    fr: 'Vous n’avez pas voté sur ce scrutin',
    en: 'You have not voted on this ballot',
  },
  [DomainErrorCode.RequestIdReused]: {
    status: 409,
    fr: 'Cet identifiant de requête a déjà servi pour un autre scrutin',
    en: 'This request id was already used for another ballot',
  },
  [DomainErrorCode.SelfDelegation]: {
    status: 400,
    fr: 'On ne peut pas se déléguer sa propre voix',
    en: 'You cannot delegate to yourself',
  },
  [DomainErrorCode.TrusteeNotMember]: {
    status: 400,
    fr: 'Le mandataire {trustee} n’est pas membre actif de ce collectif',
    en: 'Trustee {trustee} is not an active member of this collective',
  },
  [DomainErrorCode.DuplicateTrustee]: {
    status: 400,
    fr: 'Le mandataire {trustee} apparaît deux fois',
    en: 'Trustee {trustee} appears twice',
  },
  [DomainErrorCode.DelegationExpiryPast]: {
    status: 400,
    fr: 'La date d’expiration doit être dans le futur',
    en: 'The expiry date must be in the future',
  },
  [DomainErrorCode.DelegationNotFound]: {
    status: 404,
    fr: 'Aucune délégation à ce niveau',
    en: 'No delegation at this scope',
  },
  [DomainErrorCode.MemberNotFound]: { status: 404, fr: 'Membre introuvable', en: 'Member not found' },
  [DomainErrorCode.LastOrganiser]: {
    status: 409,
    fr: 'Le collectif doit garder au moins un organisateur',
    en: 'The collective must keep at least one organiser',
  },
  [DomainErrorCode.ImportNotFound]: { status: 404, fr: 'Import introuvable', en: 'Import not found' },
  [DomainErrorCode.CsvMalformed]: {
    status: 400,
    fr: 'Le fichier CSV est mal formé : {reason}',
    en: 'The CSV file is malformed: {reason}',
  },
  [DomainErrorCode.ImportEmpty]: {
    status: 400,
    fr: 'Le fichier CSV ne contient aucune ligne de membre',
    en: 'The CSV file holds no member row',
  },
});
