import type { PetitionSettingsInput } from './settings';

/**
 * Seats of each EU member state in the European Parliament, 2024–2029 (720 in all). The ECI's
 * national minimum is a state's seats × 720 (Regulation (EU) 2019/788, Annex I). Codes: ISO 3166-1
 * alpha-2 (Greece is `GR`); give members an `attr:region` column with these codes.
 */
export const EU_PARLIAMENT_SEATS: Readonly<Record<string, number>> = {
  DE: 96,
  FR: 81,
  IT: 76,
  ES: 61,
  PL: 53,
  RO: 33,
  NL: 31,
  BE: 22,
  CZ: 21,
  GR: 21,
  HU: 21,
  PT: 21,
  SE: 21,
  AT: 20,
  BG: 17,
  DK: 15,
  FI: 15,
  SK: 15,
  IE: 14,
  HR: 12,
  LT: 11,
  LV: 9,
  SI: 9,
  EE: 7,
  CY: 6,
  LU: 6,
  MT: 6,
};

/** ECI national minimums: seats × 720. */
export const ECI_MINIMUMS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(EU_PARLIAMENT_SEATS).map(([state, seats]) => [state, seats * 720]),
);

/** The 18 French regions (ISO 3166-2:FR codes), for the #MaVoix spread clause. */
export const FRENCH_REGIONS = [
  'ARA',
  'BFC',
  'BRE',
  'CVL',
  'COR',
  'GES',
  'HDF',
  'IDF',
  'NOR',
  'NAQ',
  'OCC',
  'PDL',
  'PAC',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
] as const;

/** A named preset: title and the settings it stands for. */
export interface PetitionPreset {
  readonly title: { readonly fr: string; readonly en: string };
  readonly settings: PetitionSettingsInput;
}

/**
 * UK Parliament petitions: 5 supporters before moderation, open 6 months; 10,000 signatures → the
 * government responds (21 days here: the UK sets no legal deadline, choose yours); 100,000 → considered
 * for debate. No deliberation phase, no territorial spread.
 */
export const UK_PRESET: PetitionPreset = {
  title: { fr: 'Pétitions du Parlement britannique', en: 'UK Parliament petitions' },
  settings: {
    phases: {
      sponsorship: { sponsorsRequired: 5 },
      moderation: { required: true },
      deliberation: { enabled: false },
      collection: {
        window: { months: 6 },
        thresholds: [
          { id: 'response', signatures: 10_000, effect: 'response-required', responseDeadlineDays: 21 },
          { id: 'debate', signatures: 100_000, effect: 'debate' },
        ],
      },
    },
  },
};

const eciSpread = { minRegions: 7, minimums: { ...ECI_MINIMUMS } };

/**
 * European Citizens' Initiative: a group of 7 organisers, registration (moderation), 12 months to
 * collect 1,000,000 signatures with national minimums (seats × 720) met in at least 7 of the 27 states.
 * Then the Commission answers within 6 months (183 days) and Parliament holds a public hearing (debate).
 */
export const ECI_PRESET: PetitionPreset = {
  title: { fr: 'Initiative citoyenne européenne', en: "European Citizens' Initiative" },
  settings: {
    global: { regionAttribute: 'region' },
    phases: {
      sponsorship: { sponsorsRequired: 7 },
      moderation: { required: true },
      deliberation: { enabled: false },
      collection: {
        window: { months: 12 },
        thresholds: [
          {
            id: 'commission-answer',
            signatures: 1_000_000,
            effect: 'response-required',
            responseDeadlineDays: 183,
            spread: eciSpread,
          },
          { id: 'public-hearing', signatures: 1_000_000, effect: 'debate', spread: eciSpread },
        ],
      },
    },
  },
};

/**
 * The seed's proposal (#MaVoix): a deliberation phase before signatures, 50,000 citizens with a
 * territorial spread (at least 1,000 in each of 9 of the 18 French regions), an obligation to
 * answer within 60 days, and a binding vote: the linked bill (or the petition as a bill) goes to ballot.
 */
export const MAVOIX_PRESET: PetitionPreset = {
  title: { fr: 'Pétition contraignante #MaVoix', en: '#MaVoix binding petition' },
  settings: {
    phases: {
      sponsorship: { sponsorsRequired: 10 },
      moderation: { required: true },
      deliberation: { enabled: true, durationDays: 21, arguments: true },
      collection: {
        window: { months: 12 },
        thresholds: [
          {
            id: 'answer',
            signatures: 50_000,
            effect: 'response-required',
            responseDeadlineDays: 60,
            spread: { minRegions: 9, minimums: Object.fromEntries(FRENCH_REGIONS.map((r) => [r, 1000])) },
          },
          {
            id: 'binding',
            signatures: 50_000,
            effect: 'binding',
            ballotDurationDays: 14,
            spread: { minRegions: 9, minimums: Object.fromEntries(FRENCH_REGIONS.map((r) => [r, 1000])) },
          },
        ],
      },
    },
  },
};

/** The presets shipped with the plugin, by the name organisers pick (`PUT …/plugins/petitions { "preset": "uk" }`). */
export const PETITION_PRESETS = { uk: UK_PRESET, eci: ECI_PRESET, mavoix: MAVOIX_PRESET } as const;
export type PetitionPresetName = keyof typeof PETITION_PRESETS;
