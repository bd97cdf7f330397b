import { defineErrors } from '@liquide/engine';

const NNBSP = '\u202f';

/** Refusals of the questions plugin, in French and English. */
export enum QuestionErrorCode {
  NotFound = 'questions.not_found',
  Removed = 'questions.removed',
  OwnQuestion = 'questions.own_question',
  AlreadySupported = 'questions.already_supported',
  NotSupported = 'questions.not_supported',
  TooMany = 'questions.too_many',
}

export const QUESTION_ERRORS = defineErrors({
  [QuestionErrorCode.NotFound]: { status: 404, fr: 'Question introuvable', en: 'Question not found' },
  [QuestionErrorCode.Removed]: {
    status: 409,
    fr: `Cette question a été retirée par la modération${NNBSP}: motif « {reason} »`,
    en: 'This question was removed by moderation: reason "{reason}"',
  },
  [QuestionErrorCode.OwnQuestion]: {
    status: 409,
    fr: 'Vous ne pouvez pas soutenir votre propre question',
    en: 'You cannot support your own question',
  },
  [QuestionErrorCode.AlreadySupported]: {
    status: 409,
    fr: 'Vous soutenez déjà cette question',
    en: 'You already support this question',
  },
  [QuestionErrorCode.NotSupported]: {
    status: 404,
    fr: 'Vous ne soutenez pas cette question',
    en: 'You do not support this question',
  },
  [QuestionErrorCode.TooMany]: {
    status: 429,
    fr: `Vous avez déjà posé {max} question(s) sur ce texte${NNBSP}: c’est le maximum`,
    en: 'You have already asked {max} question(s) on this bill: that is the maximum',
  },
});
