import { defineErrors } from '../errors/error-catalog';

/** Refusals of the notices feature, in French and English. */
export enum NoticeErrorCode {
  NoticeNotFound = 'notice.not_found',
  TopicNotInCollective = 'notice.topic_not_in_collective',
  UnsubscribeInvalid = 'notice.unsubscribe_invalid',
  AlreadyReminded = 'notice.already_reminded',
  DigestAlreadySent = 'notice.digest_already_sent',
  NothingToSend = 'notice.nothing_to_send',
}

export const NOTICE_ERRORS = defineErrors({
  [NoticeErrorCode.NoticeNotFound]: { status: 404, fr: 'Avis introuvable', en: 'Notice not found' },
  [NoticeErrorCode.TopicNotInCollective]: {
    status: 400,
    fr: 'Le thème {topicId} n’appartient pas à ce collectif',
    en: 'Topic {topicId} does not belong to this collective',
  },
  [NoticeErrorCode.UnsubscribeInvalid]: {
    status: 400,
    fr: 'Lien de désabonnement invalide ou modifié',
    en: 'Invalid or altered unsubscribe link',
  },
  [NoticeErrorCode.AlreadyReminded]: {
    status: 409,
    fr: 'Les membres de ce scrutin ont déjà reçu le rappel de clôture',
    en: 'This ballot’s members were already reminded of its close',
  },
  [NoticeErrorCode.DigestAlreadySent]: {
    status: 409,
    fr: 'Le récapitulatif du {day} est déjà parti',
    en: 'The digest of {day} was already sent',
  },
  [NoticeErrorCode.NothingToSend]: {
    status: 409,
    fr: 'Aucun avis à envoyer',
    en: 'No notice to send',
  },
});
