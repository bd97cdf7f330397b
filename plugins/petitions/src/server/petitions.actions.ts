import type { PluginActionRule } from '@liquide/engine';

/** The plugin's actions and the roles allowed, enforced by the plugin host's `PluginAccessService`. */
export const PETITION_ACTIONS = {
  'petitions.read': {
    roles: ['member', 'organiser', 'deputy', 'observer'],
    anyoneIfPublic: true,
    description: {
      fr: 'Lire les pétitions et leurs données ouvertes',
      en: 'Read petitions and their open data',
    },
  },
  'petitions.draft': {
    roles: ['member'],
    description: { fr: 'Rédiger et soumettre une pétition', en: 'Draft and submit a petition' },
  },
  'petitions.sponsor': {
    roles: ['member'],
    description: { fr: 'Parrainer une pétition', en: 'Sponsor a petition' },
  },
  'petitions.moderate': {
    roles: ['organiser'],
    description: { fr: 'Modérer, ouvrir les signatures', en: 'Moderate, open signatures' },
  },
  'petitions.deliberate': {
    roles: ['member'],
    description: {
      fr: 'Commenter et argumenter pendant la délibération',
      en: 'Comment and argue during deliberation',
    },
  },
  'petitions.sign': {
    roles: ['member'],
    description: { fr: 'Signer, retirer sa signature', en: 'Sign, withdraw a signature' },
  },
  'petitions.answer': {
    roles: ['organiser'],
    description: { fr: 'Publier la réponse officielle', en: 'Publish the official answer' },
  },
} as const satisfies Record<string, PluginActionRule>;

export type PetitionAction = keyof typeof PETITION_ACTIONS;
