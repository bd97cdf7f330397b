/// <reference types="jest" />
import { labelled, NNBSP, pickLocale, pluralCategory, typeset } from './typography';

describe(pickLocale.name, () => {
  it('follows the browser when nothing was saved: fr* is French, anything else English', () => {
    expect(pickLocale(null, ['fr-CA', 'en'])).toBe('fr');
    expect(pickLocale(null, ['FR'])).toBe('fr');
    expect(pickLocale(null, ['en-US', 'fr'])).toBe('en');
    expect(pickLocale(null, ['de-DE'])).toBe('en');
  });

  it('lets the saved choice win over the browser', () => {
    expect(pickLocale('fr', ['en-GB'])).toBe('fr');
    expect(pickLocale('en', ['fr-FR'])).toBe('en');
  });

  it('starts in French when the browser says nothing and ignores a bad saved value', () => {
    expect(pickLocale(null, [])).toBe('fr');
    expect(pickLocale('de', ['en'])).toBe('en');
  });
});

describe(pluralCategory.name, () => {
  it('uses the singular for 1 in both languages, and for 0 only in French', () => {
    expect(pluralCategory('fr', 0)).toBe('one');
    expect(pluralCategory('fr', 1)).toBe('one');
    expect(pluralCategory('fr', 2)).toBe('other');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 2)).toBe('other');
  });
});

describe(typeset.name, () => {
  it('puts a narrow no-break space before high punctuation in French', () => {
    expect(typeset('Tous les thèmes : 1', 'fr')).toBe(`Tous les thèmes${NNBSP}: 1`);
    expect(typeset('Vraiment ? Oui !', 'fr')).toBe(`Vraiment${NNBSP}? Oui${NNBSP}!`);
    expect(typeset('Note: voir ; plus loin', 'fr')).toBe(`Note${NNBSP}: voir${NNBSP}; plus loin`);
  });

  it('removes any space before them in English', () => {
    expect(typeset('All topics : 1', 'en')).toBe('All topics: 1');
    expect(typeset(`Really ? Yes${NNBSP}!`, 'en')).toBe('Really? Yes!');
  });

  it('leaves times, addresses and queries alone', () => {
    expect(typeset('à 10:30, https://example.org/?a=1', 'fr')).toBe('à 10:30, https://example.org/?a=1');
    expect(typeset('at 10:30, https://example.org/?a=1', 'en')).toBe('at 10:30, https://example.org/?a=1');
  });
});

describe(labelled.name, () => {
  it('joins a label and its value the way each language does', () => {
    expect(labelled('Sièges', '3', 'fr')).toBe(`Sièges${NNBSP}: 3`);
    expect(labelled('Seats', '3', 'en')).toBe('Seats: 3');
  });
});
