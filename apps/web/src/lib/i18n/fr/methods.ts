/** French messages: ballots counted by another method than yes / no / abstain (preference, approval, D21). */
export const methods = {
  'methods.who.self': 'Vous avez rempli votre bulletin vous-même.',
  'methods.who.represented': 'Votre voix est portée par {name}\u202f: son bulletin compte pour vous.',
} as const;
