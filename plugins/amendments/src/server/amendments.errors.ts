import { defineErrors } from '@liquide/engine';

/** Refusals of the amendments plugin, each naming the rule in French and English. */
export enum AmendmentErrorCode {
  NotFound = 'amendments.not_found',
  ContestNotFound = 'amendments.contest_not_found',
  PhaseClosed = 'amendments.phase_closed',
  ArticleNotFound = 'amendments.article_not_found',
  WrongStatus = 'amendments.wrong_status',
  NotAuthor = 'amendments.not_author',
  TooMany = 'amendments.too_many',
  RationaleTooShort = 'amendments.rationale_too_short',
  DeletionDisabled = 'amendments.deletion_disabled',
  ContestsDisabled = 'amendments.contests_disabled',
  ContestMismatch = 'amendments.contest_mismatch',
  BadRanking = 'amendments.bad_ranking',
}

export const AMENDMENT_ERRORS = defineErrors({
  [AmendmentErrorCode.NotFound]: { status: 404, fr: 'Amendement introuvable', en: 'Amendment not found' },
  [AmendmentErrorCode.ContestNotFound]: {
    status: 404,
    fr: 'Vote classé introuvable',
    en: 'Ranked contest not found',
  },
  [AmendmentErrorCode.PhaseClosed]: {
    status: 409,
    fr: 'La phase d’amendement de ce projet n’est pas ouverte',
    en: 'The amendment phase of this bill is not open',
  },
  [AmendmentErrorCode.ArticleNotFound]: {
    status: 404,
    fr: 'Cet article n’existe pas dans la dernière version du texte',
    en: 'This article is not in the latest version of the text',
  },
  [AmendmentErrorCode.WrongStatus]: {
    status: 409,
    fr: 'Impossible : l’amendement est à l’état « {status} », il faut : {expected}',
    en: 'Not possible: the amendment is "{status}", it must be: {expected}',
  },
  [AmendmentErrorCode.NotAuthor]: {
    status: 403,
    fr: 'Seul l’auteur peut retirer son amendement',
    en: 'Only its author can withdraw an amendment',
  },
  [AmendmentErrorCode.TooMany]: {
    status: 409,
    fr: 'Vous avez déjà {count} amendements en cours sur ce projet (maximum {max})',
    en: 'You already have {count} pending amendments on this bill (at most {max})',
  },
  [AmendmentErrorCode.RationaleTooShort]: {
    status: 400,
    fr: 'L’exposé des motifs doit compter au moins {min} caractères',
    en: 'The rationale needs at least {min} characters',
  },
  [AmendmentErrorCode.DeletionDisabled]: {
    status: 409,
    fr: 'Les amendements de suppression ne sont pas permis dans ce collectif',
    en: 'Deletion amendments are not allowed in this collective',
  },
  [AmendmentErrorCode.ContestsDisabled]: {
    status: 409,
    fr: 'Les votes classés entre amendements concurrents ne sont pas activés',
    en: 'Ranked contests between competing amendments are not enabled',
  },
  [AmendmentErrorCode.ContestMismatch]: {
    status: 409,
    fr: 'Un vote classé réunit des amendements « proposés » du même article de ce projet',
    en: 'A ranked contest takes "proposed" amendments to the same article of this bill',
  },
  [AmendmentErrorCode.BadRanking]: {
    status: 400,
    fr: 'Classement invalide : chaque option une fois au plus, parmi : {options}',
    en: 'Invalid ranking: each option at most once, among: {options}',
  },
});
