import type { PluginActionRule } from '@liquide/engine';

/** The plugin's actions and the roles allowed, enforced by the plugin host's `PluginAccessService`. */
export const AMENDMENT_ACTIONS = {
  'amendments.read': {
    roles: ['member', 'organiser', 'deputy', 'observer'],
    anyoneIfPublic: true,
    description: { fr: 'Lire les amendements et leurs résultats', en: 'Read amendments and their results' },
  },
  'amendments.propose': {
    roles: ['member'],
    description: { fr: 'Proposer, retirer un amendement', en: 'Propose, withdraw an amendment' },
  },
  'amendments.rank': {
    roles: ['member'],
    description: { fr: 'Classer des amendements concurrents', en: 'Rank competing amendments' },
  },
  'amendments.manage': {
    roles: ['organiser'],
    description: {
      fr: 'Ouvrir la phase, mettre aux voix, organiser et clore les votes classés',
      en: 'Open the phase, put to the vote, run and close ranked contests',
    },
  },
} as const satisfies Record<string, PluginActionRule>;

export type AmendmentAction = keyof typeof AMENDMENT_ACTIONS;
