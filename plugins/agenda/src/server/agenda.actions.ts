import type { PluginActionRule } from '@liquide/engine';

/** The plugin's actions and the roles allowed, enforced by the plugin host's `PluginAccessService`. */
export const AGENDA_ACTIONS = {
  'agenda.read': {
    roles: ['member', 'organiser', 'deputy', 'observer'],
    anyoneIfPublic: true,
    description: {
      fr: 'Lire les domaines, questions et initiatives',
      en: 'Read areas, issues and initiatives',
    },
  },
  'agenda.areas': {
    roles: ['organiser'],
    description: { fr: 'Créer des domaines', en: 'Create areas' },
  },
  'agenda.initiate': {
    roles: ['member'],
    description: {
      fr: 'Soulever une question, proposer et réviser une initiative',
      en: 'Raise an issue, propose and revise an initiative',
    },
  },
  'agenda.support': {
    roles: ['member'],
    description: { fr: 'Soutenir une initiative', en: 'Support an initiative' },
  },
  'agenda.suggest': {
    roles: ['member'],
    description: { fr: 'Suggérer et noter des suggestions', en: 'Write and rate suggestions' },
  },
} as const satisfies Record<string, PluginActionRule>;

export type AgendaAction = keyof typeof AGENDA_ACTIONS;
