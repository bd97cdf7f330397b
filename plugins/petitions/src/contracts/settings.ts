import { boundedRecord } from '@liquide/engine/errors/bounded-record';
import { z } from 'zod';

/** A region's name as members' attribute gives it (e.g. `FR`, `IDF`, `Wales`). */
export const RegionName = z.string().trim().min(1).max(60);

/**
 * Territorial spread: at least `minRegions` regions (k) each reaching its own minimum. The n regions
 * are those listed in `minimums`; with `otherRegionsMinimum`, any other region reaching that
 * minimum counts too (e.g. "1,000 signatures in at least 50 départements").
 */
export const TerritorialSpread = z
  .strictObject({
    minRegions: z.int().min(1).max(10_000),
    minimums: boundedRecord(RegionName, z.int().min(0).max(1_000_000_000), 10_000).default({}),
    otherRegionsMinimum: z.int().min(0).max(1_000_000_000).optional(),
  })
  .superRefine((spread, ctx) => {
    const listed = Object.keys(spread.minimums).length;
    if (spread.otherRegionsMinimum === undefined && spread.minRegions > listed) {
      ctx.addIssue({
        code: 'custom',
        path: ['minRegions'],
        message: `!au plus le nombre de régions listées dans « Minimum par région » (${listed}) — at most the number of regions listed under “Minimum per region” (${listed})`,
      });
    }
  });
export type TerritorialSpread = z.output<typeof TerritorialSpread>;

const thresholdBase = {
  /** Stable name, unique in the list (`response`, `debate`, `binding`). */
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      '!lettres minuscules, chiffres et tirets — lowercase letters, digits and dashes',
    )
    .max(40),
  /** Signatures needed (total, every region counted). */
  signatures: z.int().min(1).max(1_000_000_000),
  /** Optional territorial spread required on top of the total. */
  spread: TerritorialSpread.optional(),
};

/** A threshold and what reaching it does. Reached thresholds stay reached (timestamped) even if signatures are withdrawn later. */
export const Threshold = z.discriminatedUnion('effect', [
  z.strictObject({
    ...thresholdBase,
    /** The addressee must answer within `responseDeadlineDays` of the threshold being reached. */
    effect: z.literal('response-required'),
    responseDeadlineDays: z.int().min(1).max(3650),
  }),
  z.strictObject({
    ...thresholdBase,
    /** The petition is to be considered for debate (recorded, shown; the debate itself happens elsewhere). */
    effect: z.literal('debate'),
  }),
  z.strictObject({
    ...thresholdBase,
    /** Puts the linked bill (or a new bill with the petition's text) on the agenda as a ballot, opened at once. */
    effect: z.literal('binding'),
    ballotDurationDays: z.int().min(1).max(365).default(14),
  }),
]);
export type Threshold = z.output<typeof Threshold>;
export type ThresholdEffect = Threshold['effect'];

/** The collection window: calendar months or days from the opening of signatures. */
export const CollectionWindow = z.union([
  z.strictObject({ months: z.int().min(1).max(60) }),
  z.strictObject({ days: z.int().min(1).max(3650) }),
]);
export type CollectionWindow = z.output<typeof CollectionWindow>;

/** Settings that hold for every phase. */
export const GlobalSettings = z.strictObject({
  /** The member attribute (CSV column `attr:<name>`) that gives a signer's region. */
  regionAttribute: z.string().trim().min(1).max(60).default('region'),
});

/** Sponsors a draft needs before it can go to moderation. */
export const SponsorshipSettings = z.strictObject({
  sponsorsRequired: z.int().min(0).max(10_000).default(5),
});

/** Whether an organiser must approve a petition before it goes further. */
export const ModerationSettings = z.strictObject({
  required: z.boolean().default(true),
});

/** The optional deliberation phase before signatures open: comments and for/against arguments. */
export const DeliberationSettings = z.strictObject({
  enabled: z.boolean().default(false),
  durationDays: z.int().min(1).max(365).default(14),
  /** Members may post arguments for and against (otherwise plain comments only). */
  arguments: z.boolean().default(true),
});

const DEFAULT_THRESHOLDS: Threshold[] = [
  { id: 'response', signatures: 10_000, effect: 'response-required', responseDeadlineDays: 21 },
  { id: 'debate', signatures: 100_000, effect: 'debate' },
];

/** Signatures: the window and the thresholds. */
export const CollectionSettings = z.strictObject({
  window: CollectionWindow.default({ months: 6 }),
  thresholds: z
    .array(Threshold)
    .max(20)
    .default(DEFAULT_THRESHOLDS)
    .superRefine((thresholds, ctx) => {
      const seen = new Set<string>();
      thresholds.forEach((threshold, index) => {
        if (seen.has(threshold.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `!identifiant déjà utilisé : ${threshold.id} — id already used: ${threshold.id}`,
          });
        }
        seen.add(threshold.id);
      });
    }),
});

/** The phases, in the order a petition goes through them. */
export const PETITION_PHASES = {
  sponsorship: SponsorshipSettings,
  moderation: ModerationSettings,
  deliberation: DeliberationSettings,
  collection: CollectionSettings,
} as const;

/**
 * The plugin's settings as stored per collective, `{ global, phases }` — the same composition as the
 * plugin host's (`composeSettingsSchema`), written with zod alone so the web client can import it.
 */
export const PetitionSettings = z.strictObject({
  global: GlobalSettings.prefault({}),
  phases: z
    .strictObject({
      sponsorship: SponsorshipSettings.prefault({}),
      moderation: ModerationSettings.prefault({}),
      deliberation: DeliberationSettings.prefault({}),
      collection: CollectionSettings.prefault({}),
    })
    .prefault({}),
});
export type PetitionSettings = z.output<typeof PetitionSettings>;
export type PetitionSettingsInput = z.input<typeof PetitionSettings>;
