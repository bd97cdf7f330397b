import { z } from 'zod';
import {
  compareStrings,
  drawOrder,
  formatPath,
  fromUnits,
  LiveTally,
  parseScenario,
  ScenarioError,
  toUnits,
  type ScenarioIssue,
  type ScenarioV1,
} from '../tally';
import { METHOD_IDS, type MethodId } from './ballot-method';
import { ballotMethod, type MethodSpec } from './methods';

/**
 * A ballot counted by a method other than yes / no / abstain, as the public record keeps it: the
 * scenario v1 fields that decide who carries whose vote (members, bill, delegations, cap, at), the
 * method with its options and public seed, and each direct voter's ballot.
 */
export interface MethodScenarioV1 extends Omit<ScenarioV1, 'votes' | 'mandate'> {
  readonly method: { readonly id: MethodId; readonly options: MethodSpec['options']; readonly seed: string };
  readonly votes: readonly { readonly member: string; readonly ballot: unknown }[];
}

/** A casting voter of a method ballot: its ballot and the weight it counts for. */
export interface MethodVoterResult {
  readonly ballot: unknown;
  readonly weight: number;
  readonly delegators: string[];
  readonly excess?: number;
}

/** The result of a method ballot: who carries whose ballot, the weights, and the method's count. */
export interface MethodTallyResult {
  readonly method: MethodId;
  readonly voters: Record<string, MethodVoterResult>;
  readonly lost: string[];
  /** `cast`: weight counted (voters and their delegators); `absent`: the rest of the eligible weight. */
  readonly totals: { readonly cast: number; readonly absent: number };
  /** The method's own count (for preference: pairwise matrix, strengths, order, winner). */
  readonly outcome: unknown;
}

/** Whether a stored result is a method ballot's (else it is a yes / no / abstain result). */
export function isMethodResult(result: object): result is MethodTallyResult {
  return 'method' in result && typeof result.method === 'string';
}

const MethodHeader = z.strictObject({
  id: z.enum(METHOD_IDS, { error: `must be one of ${METHOD_IDS.map((m) => `"${m}"`).join(', ')}` }),
  options: z.unknown(),
  seed: z.string({ error: 'must be a string' }),
});

function issuesOf(error: z.ZodError, prefix: PropertyKey[]): ScenarioIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message.replace(/^!/, '').split(' — ').pop()!,
  }));
}

/**
 * Validates a method scenario: the method and its options, every ballot against the method's rules,
 * and the rest as scenario format v1 (each voter standing as a `yes` vote: who carries whom does not
 * depend on the choice). Returns the normalised ballots by member and the core scenario.
 * @throws ScenarioError naming each bad field.
 */
export function parseMethodScenario(input: unknown): {
  spec: MethodSpec & { seed: string };
  core: ScenarioV1;
  ballots: Map<string, unknown>;
} {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScenarioError([{ path: 'scenario', message: 'must be an object' }]);
  }
  const { method, votes, ...rest } = input as Record<string, unknown>;
  const header = MethodHeader.safeParse(method);
  if (!header.success) {
    throw new ScenarioError(issuesOf(header.error, ['method']));
  }
  const def = ballotMethod(header.data.id);
  const options = def.optionsSchema.safeParse(header.data.options);
  if (!options.success) {
    throw new ScenarioError(issuesOf(options.error, ['method', 'options']));
  }
  if (!Array.isArray(votes)) {
    throw new ScenarioError([{ path: 'votes', message: 'must be a list' }]);
  }
  const schema = def.ballotSchema(options.data);
  const ballots = new Map<string, unknown>();
  const issues: ScenarioIssue[] = [];
  const coreVotes = votes.map((vote: unknown, i) => {
    const entry = (typeof vote === 'object' && vote !== null ? vote : {}) as Record<string, unknown>;
    const parsed = schema.safeParse(entry.ballot);
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, ['votes', i, 'ballot']));
    } else if (typeof entry.member === 'string') {
      ballots.set(entry.member, parsed.data);
    }
    return { member: entry.member, choice: 'yes' };
  });
  if (issues.length > 0) {
    throw new ScenarioError(issues);
  }
  const core = parseScenario({ ...rest, votes: coreVotes });
  return { spec: { id: header.data.id, options: options.data, seed: header.data.seed }, core, ballots };
}

/**
 * Counts a method ballot from a live tally in which every direct voter stands as a `yes` vote: the
 * core says who carries whose weight (delegation rules, cap, expiry: docs/tally-rules.md), the method
 * counts the voters' ballots with those weights (exact micro-units). Ties go by the options' tie
 * tickets `ticket("tie", seed, option)`, as for seats.
 */
export function methodResultFrom(
  live: LiveTally,
  ballots: ReadonlyMap<string, unknown>,
  spec: MethodSpec & { seed: string },
): MethodTallyResult {
  const core = live.result();
  const voters: Record<string, MethodVoterResult> = {};
  const weighted: { ballot: unknown; units: number }[] = [];
  let cast = 0;
  for (const id of Object.keys(core.voters).sort(compareStrings)) {
    const v = core.voters[id];
    const ballot = ballots.get(id);
    voters[id] = {
      ballot,
      weight: v.weight,
      delegators: v.delegators,
      ...(v.excess ? { excess: v.excess } : {}),
    };
    const units = toUnits(v.weight) ?? 0;
    cast += units;
    weighted.push({ ballot, units });
  }
  const def = ballotMethod(spec.id);
  const outcome = def.count(spec.options, weighted, drawOrder(spec.options.options, 'tie', spec.seed));
  const absent = toUnits(core.totals.absent) ?? 0;
  return {
    method: spec.id,
    voters,
    lost: core.lost,
    totals: { cast: fromUnits(cast), absent: fromUnits(absent) },
    outcome,
  };
}

/** Tallies a method scenario (the record's, or one built by hand): see {@link MethodScenarioV1}. */
export function tallyMethod(input: unknown): MethodTallyResult {
  const { spec, core, ballots } = parseMethodScenario(input);
  return methodResultFrom(new LiveTally(core), ballots, spec);
}
