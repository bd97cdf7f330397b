/// <reference types="jest" />
import { regionName } from './regions';

describe(regionName.name, () => {
  it('names French regions by their ISO code in each language', () => {
    expect(regionName('IDF', 'fr')).toBe('Île-de-France');
    expect(regionName('BRE', 'fr')).toBe('Bretagne');
    expect(regionName('BRE', 'en')).toBe('Brittany');
  });

  it('names countries in the reader’s language, Greece also by its EU code', () => {
    expect(regionName('DE', 'fr')).toBe('Allemagne');
    expect(regionName('DE', 'en')).toBe('Germany');
    expect(regionName('EL', 'en')).toBe('Greece');
  });

  it('shows a collective’s own region names as given', () => {
    expect(regionName('Wales', 'en')).toBe('Wales');
    expect(regionName('Nord-Ouest', 'fr')).toBe('Nord-Ouest');
  });
});
