import { defineErrors } from '@liquide/engine';

/** Refusals of the petitions plugin, each naming the rule in French and English. */
export enum PetitionErrorCode {
  NotFound = 'petitions.not_found',
  WrongStatus = 'petitions.wrong_status',
  SponsorsMissing = 'petitions.sponsors_missing',
  OwnPetition = 'petitions.own_petition',
  AlreadySponsored = 'petitions.already_sponsored',
  NotAuthor = 'petitions.not_author',
  AlreadySigned = 'petitions.already_signed',
  NotSigned = 'petitions.not_signed',
  WindowClosed = 'petitions.window_closed',
  ArgumentsDisabled = 'petitions.arguments_disabled',
  BillNotFound = 'petitions.bill_not_found',
}

export const PETITION_ERRORS = defineErrors({
  [PetitionErrorCode.NotFound]: { status: 404, fr: 'Pétition introuvable', en: 'Petition not found' },
  [PetitionErrorCode.WrongStatus]: {
    status: 409,
    fr: 'Impossible : la pétition est à l’état « {status} », il faut : {expected}',
    en: 'Not possible: the petition is "{status}", it must be: {expected}',
  },
  [PetitionErrorCode.SponsorsMissing]: {
    status: 409,
    fr: 'La pétition a {count} parrain(s) sur les {required} requis avant la modération',
    en: 'The petition has {count} of the {required} sponsors required before moderation',
  },
  [PetitionErrorCode.OwnPetition]: {
    status: 409,
    fr: 'On ne parraine pas sa propre pétition',
    en: 'You cannot sponsor your own petition',
  },
  [PetitionErrorCode.AlreadySponsored]: {
    status: 409,
    fr: 'Vous parrainez déjà cette pétition',
    en: 'You already sponsor this petition',
  },
  [PetitionErrorCode.NotAuthor]: {
    status: 403,
    fr: 'Seul l’auteur de la pétition peut la soumettre',
    en: 'Only the petition’s author can submit it',
  },
  [PetitionErrorCode.AlreadySigned]: {
    status: 409,
    fr: 'Vous avez déjà signé cette pétition (une signature par membre)',
    en: 'You already signed this petition (one signature per member)',
  },
  [PetitionErrorCode.NotSigned]: {
    status: 404,
    fr: 'Vous n’avez pas signé cette pétition',
    en: 'You have not signed this petition',
  },
  [PetitionErrorCode.WindowClosed]: {
    status: 409,
    fr: 'La collecte des signatures est close depuis le {closesAt}',
    en: 'Signature collection closed on {closesAt}',
  },
  [PetitionErrorCode.ArgumentsDisabled]: {
    status: 409,
    fr: 'Les arguments pour / contre ne sont pas activés : postez un commentaire',
    en: 'For / against arguments are not enabled: post a comment',
  },
  [PetitionErrorCode.BillNotFound]: {
    status: 404,
    fr: 'Projet de loi introuvable dans ce collectif',
    en: 'Bill not found in this collective',
  },
});
