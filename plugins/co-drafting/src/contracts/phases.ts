import { z } from 'zod';

/** Parlement & Citoyens' six phases, the default workflow of a co-drafted bill. */
export const PHASES = [
  'presentation',
  'consultation',
  'synthesis',
  'debate',
  'bill',
  'mobilisation',
] as const;
export type PhaseName = (typeof PHASES)[number];

/** What members and organisers may do in a phase. */
export const PERMISSIONS = ['comment', 'argue', 'propose', 'support', 'synthesise', 'publish'] as const;
export type Permission = (typeof PERMISSIONS)[number];

function phaseSettings(defaults: Partial<Record<Permission, boolean>>) {
  return z.strictObject(
    Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean().default(defaults[p] ?? false)])) as Record<
      Permission,
      z.ZodDefault<z.ZodBoolean>
    >,
  );
}

/**
 * Per-phase settings: members `comment`, `argue` (for / against), `propose` new wording and
 * `support` contributions; organisers `synthesise` per article and `publish` new versions.
 */
export const PHASE_SETTINGS = {
  /** The text is presented: read only. */
  presentation: phaseSettings({}),
  /** Members contribute on each article. */
  consultation: phaseSettings({ comment: true, argue: true, propose: true, support: true }),
  /** Organisers write the syntheses; members may still support. */
  synthesis: phaseSettings({ support: true, synthesise: true }),
  /** Debate on the syntheses. */
  debate: phaseSettings({ comment: true, argue: true, support: true }),
  /** Authors publish the new version of the bill. */
  bill: phaseSettings({ publish: true, synthesise: true }),
  /** Mobilisation around the final text: support only. */
  mobilisation: phaseSettings({ support: true }),
} as const satisfies Record<PhaseName, z.ZodObject>;

export type PhasePermissions = Record<Permission, boolean>;

export const CoDraftingGlobalSettings = z.strictObject({
  /** Longest contribution accepted, in characters. */
  maxContributionLength: z.int().min(100).max(50_000).default(5000),
});

/** Stored settings with defaults applied. */
export const CoDraftingSettings = z.strictObject({
  global: CoDraftingGlobalSettings.prefault({}),
  phases: z
    .strictObject(
      Object.fromEntries(PHASES.map((p) => [p, PHASE_SETTINGS[p].prefault({})])) as {
        [K in PhaseName]: z.ZodPrefault<(typeof PHASE_SETTINGS)[K]>;
      },
    )
    .prefault({}),
});
export type CoDraftingSettings = z.output<typeof CoDraftingSettings>;

/** A bill's own workflow: which phases, in which order, and overrides of what each allows. */
export const ConfigureBillInput = z.strictObject({
  phases: z
    .array(z.enum(PHASES))
    .min(1)
    .max(PHASES.length)
    .refine((list) => new Set(list).size === list.length, '!chaque phase une fois — each phase once')
    .default([...PHASES]),
  // keys are enums: bounded by them, which OpenAPI 3.0 can only say as maxProperties
  overrides: z
    .partialRecord(
      z.enum(PHASES),
      z.partialRecord(z.enum(PERMISSIONS), z.boolean()).meta({ maxProperties: PERMISSIONS.length }),
    )
    .meta({ maxProperties: PHASES.length })
    .default({}),
});
export type ConfigureBillInput = z.output<typeof ConfigureBillInput>;

/** What a phase allows on a bill: the collective's settings for the phase, then the bill's overrides. */
export function permissionsFor(
  settings: CoDraftingSettings,
  overrides: ConfigureBillInput['overrides'],
  phase: PhaseName,
): PhasePermissions {
  return { ...settings.phases[phase], ...(overrides[phase] ?? {}) };
}

export const CONTRIBUTION_KINDS = ['comment', 'argument-for', 'argument-against', 'proposal'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** The permission a contribution kind needs. */
export function permissionOf(kind: ContributionKind): Permission {
  switch (kind) {
    case 'comment':
      return 'comment';
    case 'argument-for':
    case 'argument-against':
      return 'argue';
    case 'proposal':
      return 'propose';
  }
}

export const MovePhaseInput = z.strictObject({ phase: z.enum(PHASES) });

export const ContributeInput = z
  .strictObject({
    articleId: z.uuid(),
    kind: z.enum(CONTRIBUTION_KINDS),
    text: z.string().trim().min(1).max(50_000),
    /** A proposal's new heading for the article (optional). */
    heading: z.string().trim().max(300).optional(),
  })
  .refine((input) => input.kind === 'proposal' || input.heading === undefined, {
    path: ['heading'],
    message: '!seulement pour une proposition — only for a proposal',
  });
export type ContributeInput = z.output<typeof ContributeInput>;

export const SynthesisInput = z.strictObject({
  articleId: z.uuid(),
  text: z.string().trim().min(1).max(50_000),
  /** The contributions on this article the synthesis takes up. */
  contributionIds: z.array(z.uuid()).max(1000).default([]),
});
export type SynthesisInput = z.output<typeof SynthesisInput>;

export const PublishVersionInput = z.strictObject({
  /** New wording of articles (ids of the latest version). */
  articles: z
    .array(
      z.strictObject({
        articleId: z.uuid(),
        heading: z.string().trim().max(300).optional(),
        text: z.string().trim().min(1).max(50_000),
      }),
    )
    .min(1)
    .max(1000),
  /** The syntheses this version carries out (the version's reason is `synthesis` when given). */
  synthesisIds: z.array(z.uuid()).max(1000).default([]),
  note: z.string().trim().max(500).optional(),
});
export type PublishVersionInput = z.output<typeof PublishVersionInput>;
