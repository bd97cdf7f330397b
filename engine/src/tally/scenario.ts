import { z } from 'zod';
import { APPORTION_METHODS } from './apportion';
import { MAX_TOTAL_UNITS, MAX_TOTAL_WEIGHT, toUnits, UNIT_DECIMALS } from './units';

/** Largest number of deputies in a mandate. */
export const MAX_DEPUTIES = 100_000;

const id = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'must be at most 256 characters' });
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone' });
const choice = z.enum(['yes', 'no', 'abstain'], { error: 'must be one of "yes", "no", "abstain"' });

/** A member taking part in the ballot. `weight` defaults to 1, `active` to true. */
export const MemberV1Schema = z.strictObject({
  id,
  weight: z
    .number({ error: 'must be a number' })
    .positive({ error: 'must be a positive number' })
    .max(MAX_TOTAL_WEIGHT, { error: `must be at most ${MAX_TOTAL_WEIGHT}` })
    .optional(),
  active: z.boolean({ error: 'must be true or false' }).optional(),
});

/** The bill being decided; `topic` selects the topic-scope delegations that apply. */
export const BillV1Schema = z.strictObject({ id, topic: id.optional() });

/** A delegation entry; later entries replace earlier ones for the same member, scope (and topic). */
export const DelegationV1Schema = z.strictObject({
  from: id,
  scope: z.enum(['global', 'topic', 'bill'], { error: 'must be one of "global", "topic", "bill"' }),
  topic: id.optional(),
  to: z.array(id, { error: 'must be a list of member ids' }),
  expiresAt: dateTime.optional(),
});

/** A direct vote; a later vote of the same member replaces an earlier one. */
export const VoteV1Schema = z.strictObject({ member: id, choice });

const deputiesRule = `must be an integer from 1 to ${MAX_DEPUTIES} or a non-empty list of deputy ids`;

/** Binding mandate: how many deputies, how seats are apportioned and the public seed for draws. */
export const MandateV1Schema = z.strictObject({
  deputies: z.union(
    [
      z
        .number()
        .int({ error: deputiesRule })
        .min(1, { error: deputiesRule })
        .max(MAX_DEPUTIES, { error: deputiesRule }),
      z.array(id).min(1, { error: deputiesRule }).max(MAX_DEPUTIES, { error: deputiesRule }),
    ],
    { error: deputiesRule },
  ),
  method: z
    .enum(APPORTION_METHODS, {
      error: 'must be one of "largest-remainder", "dhondt", "sainte-lague"',
    })
    .optional(),
  base: z.enum(['cast', 'members'], { error: 'must be one of "cast", "members"' }).optional(),
  seed: z.string({ error: 'must be a string' }),
});

/** Cap on the share of the total weight one voter may carry. */
export const CapV1Schema = z.strictObject({
  maxShare: z
    .number({ error: 'must be a number' })
    .gt(0, { error: 'must be greater than 0' })
    .lte(1, { error: 'must be at most 1' }),
});

/** Scenario format v1: a snapshot of one ballot, as documented in docs/tally-rules.md. */
export const ScenarioV1Schema = z
  .strictObject({
    members: z.array(MemberV1Schema, { error: 'must be a list of members' }),
    bill: BillV1Schema,
    delegations: z.array(DelegationV1Schema, { error: 'must be a list of delegations' }),
    votes: z.array(VoteV1Schema, { error: 'must be a list of votes' }),
    mandate: MandateV1Schema.optional(),
    cap: CapV1Schema.optional(),
    at: dateTime.optional(),
  })
  .superRefine((scenario, ctx) => {
    const problem = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const seen = new Set<string>();
    let totalUnits = 0;
    scenario.members.forEach((member, i) => {
      if (seen.has(member.id)) {
        problem(['members', i, 'id'], `must be unique ("${member.id}" appears earlier)`);
      }
      seen.add(member.id);
      const weight = member.weight ?? 1;
      if (typeof weight !== 'number' || !(weight > 0)) {
        return; // already reported by the member's own schema
      }
      const units = toUnits(weight);
      if (units === undefined) {
        problem(['members', i, 'weight'], `must have at most ${UNIT_DECIMALS} decimal places`);
      } else {
        totalUnits += units;
      }
    });
    if (totalUnits > MAX_TOTAL_UNITS) {
      problem(['members'], `total weight must not exceed ${MAX_TOTAL_WEIGHT}`);
    }
    scenario.delegations.forEach((delegation, i) => {
      if (delegation.scope === 'topic' && delegation.topic === undefined) {
        problem(['delegations', i, 'topic'], 'is required when scope is "topic"');
      }
      if (delegation.scope !== 'topic' && delegation.topic !== undefined) {
        problem(['delegations', i, 'topic'], 'must be absent unless scope is "topic"');
      }
      const trustees = new Set<string>();
      delegation.to.forEach((trustee, j) => {
        if (trustees.has(trustee)) {
          problem(['delegations', i, 'to', j], `must not repeat a trustee ("${trustee}")`);
        }
        trustees.add(trustee);
      });
    });
    if (scenario.cap && toUnits(scenario.cap.maxShare) === undefined) {
      problem(['cap', 'maxShare'], `must have at most ${UNIT_DECIMALS} decimal places`);
    }
    const deputies = scenario.mandate?.deputies;
    if (Array.isArray(deputies)) {
      const names = new Set<string>();
      deputies.forEach((deputy, i) => {
        if (names.has(deputy)) {
          problem(['mandate', 'deputies', i], `must be unique ("${deputy}" appears earlier)`);
        }
        names.add(deputy);
      });
    }
  });

/** A parsed scenario (format v1). */
export type ScenarioV1 = z.infer<typeof ScenarioV1Schema>;
/** A member entry of a scenario. */
export type MemberV1 = z.infer<typeof MemberV1Schema>;
/** A delegation entry of a scenario. */
export type DelegationV1 = z.infer<typeof DelegationV1Schema>;
/** A vote entry of a scenario. */
export type VoteV1 = z.infer<typeof VoteV1Schema>;
/** The mandate of a scenario. */
export type MandateV1 = z.infer<typeof MandateV1Schema>;

/** One problem in a scenario: where (`members[3].weight`) and which rule it breaks. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown by {@link parseScenario}; its message lists each problem as `path: rule`, one per line. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

/**
 * Validates a scenario (e.g. parsed JSON) against format v1.
 * @throws ScenarioError naming each bad field and the rule it breaks, e.g.
 * `members[3].weight: must be a positive number`.
 */
export function parseScenario(input: unknown): ScenarioV1 {
  const parsed = ScenarioV1Schema.safeParse(input, { error: genericMessage });
  if (parsed.success) {
    return parsed.data;
  }
  const issues: ScenarioIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: formatPath([...issue.path, key]),
          message: 'is not a field of scenario format v1',
        });
      }
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  throw new ScenarioError(issues);
}

function genericMessage(issue: { code: string; input?: unknown; expected?: unknown }): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${article(String(issue.expected))}`;
  }
  return undefined;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** `['members', 3, 'weight']` → `members[3].weight`; the empty path is `scenario`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text +=
      typeof segment === 'number' ? `[${segment}]` : text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? 'scenario' : text;
}
