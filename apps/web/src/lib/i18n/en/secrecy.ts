import type { secrecy as fr } from '../fr/secrecy';

/** English messages: ballot secrecy. */
export const secrecy: Record<keyof typeof fr, string> = {
  'who.delegated':
    'Your vote follows your delegation. The ballot is secret until it closes: who carries your vote, and how, is shown then.',
};
