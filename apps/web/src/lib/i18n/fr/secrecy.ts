/** French messages: ballot secrecy. */
export const secrecy = {
  'who.delegated':
    'Votre voix suit votre délégation. Le scrutin est secret jusqu’à sa clôture : qui la porte, et comment, sera affiché après.',
} as const;
