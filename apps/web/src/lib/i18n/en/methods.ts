import type { methods as fr } from '../fr/methods';

/** English messages: ballots counted by another method than yes / no / abstain (preference, approval, D21). */
export const methods: Record<keyof typeof fr, string> = {
  'methods.who.self': 'You filled in your ballot yourself.',
  'methods.who.represented': 'Your vote is carried by {name}: their ballot counts for you.',
};
