import { defineErrors } from '../errors/error-catalog';

/** Refusals about collectives and their topics, in French and English. */
export enum CollectiveErrorCode {
  TopicNotFound = 'topic.not_found',
  TopicExists = 'topic.exists',
  SlugTaken = 'collective.slug_taken',
}

export const COLLECTIVE_ERRORS = defineErrors({
  [CollectiveErrorCode.TopicNotFound]: { status: 404, fr: 'Thème introuvable', en: 'Topic not found' },
  [CollectiveErrorCode.TopicExists]: {
    status: 409,
    fr: 'Un thème porte déjà l’identifiant « {slug} »',
    en: 'A topic already has the slug "{slug}"',
  },
  [CollectiveErrorCode.SlugTaken]: {
    status: 409,
    fr: 'L’identifiant « {slug} » est déjà pris',
    en: 'The slug "{slug}" is already taken',
  },
});
