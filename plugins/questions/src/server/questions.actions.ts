import type { PluginActionRule } from '@liquide/engine';

/** The plugin's actions and the roles allowed, enforced by the plugin host's `PluginAccessService`. */
export const QUESTION_ACTIONS = {
  'questions.read': {
    roles: ['member', 'organiser', 'deputy', 'observer'],
    anyoneIfPublic: true,
    description: {
      fr: 'Lire les questions, les réponses et les données ouvertes',
      en: 'Read questions, answers and open data',
    },
  },
  'questions.ask': {
    roles: ['member'],
    description: { fr: 'Poser une question aux député·es', en: 'Ask the deputies a question' },
  },
  'questions.support': {
    roles: ['member'],
    description: { fr: 'Soutenir une question', en: 'Support a question' },
  },
  'questions.answer': {
    roles: ['deputy'],
    description: { fr: 'Répondre publiquement', en: 'Answer publicly' },
  },
  'questions.moderate': {
    roles: ['organiser'],
    description: { fr: 'Retirer une question, avec un motif', en: 'Remove a question, with a reason' },
  },
} as const satisfies Record<string, PluginActionRule>;

export type QuestionAction = keyof typeof QUESTION_ACTIONS;
