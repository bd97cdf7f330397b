import { defineErrors } from '@liquide/engine';

/** Refusals of the co-drafting plugin, each naming the rule in French and English. */
export enum CoDraftingErrorCode {
  NotConfigured = 'co-drafting.not_configured',
  NotInPhase = 'co-drafting.not_in_phase',
  UnknownPhase = 'co-drafting.unknown_phase',
  ArticleNotFound = 'co-drafting.article_not_found',
  ContributionNotFound = 'co-drafting.contribution_not_found',
  AlreadySupported = 'co-drafting.already_supported',
  NotSupported = 'co-drafting.not_supported',
  BadLink = 'co-drafting.bad_link',
  TooLong = 'co-drafting.too_long',
}

export const CO_DRAFTING_ERRORS = defineErrors({
  [CoDraftingErrorCode.NotConfigured]: {
    status: 409,
    fr: 'La co-écriture n’est pas lancée sur ce projet de loi',
    en: 'Co-drafting has not been started on this bill',
  },
  [CoDraftingErrorCode.NotInPhase]: {
    status: 409,
    fr: 'Action « {permission} » fermée pendant la phase « {phase} »',
    en: 'Action "{permission}" is closed during the "{phase}" phase',
  },
  [CoDraftingErrorCode.UnknownPhase]: {
    status: 400,
    fr: 'Phase « {phase} » absente du déroulé de ce projet ({phases})',
    en: 'Phase "{phase}" is not in this bill’s workflow ({phases})',
  },
  [CoDraftingErrorCode.ArticleNotFound]: {
    status: 404,
    fr: 'Cet article n’existe pas dans la dernière version du texte',
    en: 'This article is not in the latest version of the text',
  },
  [CoDraftingErrorCode.ContributionNotFound]: {
    status: 404,
    fr: 'Contribution introuvable',
    en: 'Contribution not found',
  },
  [CoDraftingErrorCode.AlreadySupported]: {
    status: 409,
    fr: 'Vous soutenez déjà cette contribution',
    en: 'You already support this contribution',
  },
  [CoDraftingErrorCode.NotSupported]: {
    status: 404,
    fr: 'Vous ne soutenez pas cette contribution',
    en: 'You do not support this contribution',
  },
  [CoDraftingErrorCode.BadLink]: {
    status: 409,
    fr: 'Une synthèse ne reprend que des contributions sur son article : {ids}',
    en: 'A synthesis takes up contributions on its own article only: {ids}',
  },
  [CoDraftingErrorCode.TooLong]: {
    status: 400,
    fr: 'Contribution trop longue : {max} caractères au plus',
    en: 'Contribution too long: at most {max} characters',
  },
});
