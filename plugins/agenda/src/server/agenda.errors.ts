import { defineErrors } from '@liquide/engine';

const NNBSP = '\u202f';

/** Refusals of the agenda plugin, in French and English. */
export enum AgendaErrorCode {
  AreaNotFound = 'agenda.area_not_found',
  IssueNotFound = 'agenda.issue_not_found',
  InitiativeNotFound = 'agenda.initiative_not_found',
  SuggestionNotFound = 'agenda.suggestion_not_found',
  WrongPhase = 'agenda.wrong_phase',
  TextsFrozen = 'agenda.texts_frozen',
  NotAuthor = 'agenda.not_author',
  AlreadySupported = 'agenda.already_supported',
  NotSupported = 'agenda.not_supported',
  TopicNotFound = 'agenda.topic_not_found',
}

export const AGENDA_ERRORS = defineErrors({
  [AgendaErrorCode.AreaNotFound]: { status: 404, fr: 'Domaine introuvable', en: 'Area not found' },
  [AgendaErrorCode.IssueNotFound]: { status: 404, fr: 'Sujet introuvable', en: 'Issue not found' },
  [AgendaErrorCode.InitiativeNotFound]: {
    status: 404,
    fr: 'Initiative introuvable',
    en: 'Initiative not found',
  },
  [AgendaErrorCode.SuggestionNotFound]: {
    status: 404,
    fr: 'Suggestion introuvable',
    en: 'Suggestion not found',
  },
  [AgendaErrorCode.WrongPhase]: {
    status: 409,
    fr: `Impossible pendant la phase « {phase} »${NNBSP}; il faut${NNBSP}: {expected}`,
    en: 'Not possible during the "{phase}" phase; it must be: {expected}',
  },
  [AgendaErrorCode.TextsFrozen]: {
    status: 409,
    fr: `Les textes sont gelés depuis la vérification${NNBSP}: plus de révision possible`,
    en: 'Texts are frozen since verification: no more revisions',
  },
  [AgendaErrorCode.NotAuthor]: {
    status: 403,
    fr: 'Seul l’auteur de l’initiative peut la réviser',
    en: 'Only the initiative’s author can revise it',
  },
  [AgendaErrorCode.AlreadySupported]: {
    status: 409,
    fr: 'Vous soutenez déjà cette initiative',
    en: 'You already support this initiative',
  },
  [AgendaErrorCode.NotSupported]: {
    status: 404,
    fr: 'Vous ne soutenez pas cette initiative',
    en: 'You do not support this initiative',
  },
  [AgendaErrorCode.TopicNotFound]: {
    status: 404,
    fr: 'Thème introuvable dans ce collectif',
    en: 'Topic not found in this collective',
  },
});
