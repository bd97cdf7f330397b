import type { PluginActionRule } from '@liquide/engine';

/** The plugin's actions and the roles allowed; what each phase allows is checked on top. */
export const CO_DRAFTING_ACTIONS = {
  'co-drafting.read': {
    roles: ['member', 'organiser', 'deputy', 'observer'],
    anyoneIfPublic: true,
    description: { fr: 'Lire les contributions et synthèses', en: 'Read contributions and syntheses' },
  },
  'co-drafting.contribute': {
    roles: ['member'],
    description: {
      fr: 'Commenter, argumenter, proposer une rédaction, soutenir',
      en: 'Comment, argue, propose wording, support',
    },
  },
  'co-drafting.organise': {
    roles: ['organiser'],
    description: {
      fr: 'Lancer la co-écriture, changer de phase, écrire les synthèses, publier une version',
      en: 'Start co-drafting, change phase, write syntheses, publish a version',
    },
  },
} as const satisfies Record<string, PluginActionRule>;

export type CoDraftingAction = keyof typeof CO_DRAFTING_ACTIONS;
