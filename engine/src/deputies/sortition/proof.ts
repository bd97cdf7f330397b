import { algorithmFor, drawPanel } from './draw';
import type { LeximinOutcome } from './draw-leximin';
import { LEXIMIN_ALGORITHM, LEXIMIN_PROOF_FORMAT, type AnySortitionProof } from './leximin-types';
import { verifyLeximinProof, type LeximinCheck } from './verify-leximin';
import { canonicalPool, finalSeed, poolHash, proofHash, seedCommitment } from './hash';
import { SortitionError } from './quotas';
import { PROOF_FORMAT, SortitionProofSchema, type DrawOutcome, type PoolEntry, type Quota } from './types';

/** What the server knows when it publishes a proof. */
export interface ProofInput {
  readonly collectiveId: string;
  readonly sortitionId: string;
  /** Canonical pool (see `canonicalPool`). */
  readonly pool: readonly PoolEntry[];
  readonly seats: number;
  readonly substituteCount: number;
  readonly quotas: readonly Quota[];
  readonly seedCommitment: string;
  readonly seed: string;
  readonly publicValueSource: string;
  readonly publicValue: string;
  readonly frozenAt: string;
  readonly committedAt: string;
  readonly drawnAt: string;
  readonly outcome: DrawOutcome | LeximinOutcome;
}

/** Assembles the proof (format 2 for LEXIMIN, 1 otherwise) and seals it with its `proofHash`. */
export function buildProof(input: ProofInput): AnySortitionProof {
  const { outcome, ...rest } = input;
  const body = {
    format: outcome.algorithm === LEXIMIN_ALGORITHM ? LEXIMIN_PROOF_FORMAT : PROOF_FORMAT,
    algorithm: outcome.algorithm,
    collectiveId: rest.collectiveId,
    sortitionId: rest.sortitionId,
    pool: rest.pool.map((entry) => ({
      id: entry.id,
      attributes: { ...entry.attributes },
      ...(entry.household === undefined ? {} : { household: entry.household }),
    })),
    poolHash: poolHash(rest.pool),
    seats: rest.seats,
    substituteCount: rest.substituteCount,
    quotas: rest.quotas.map((q) => ({ attribute: q.attribute, value: q.value, min: q.min, max: q.max })),
    seedCommitment: rest.seedCommitment,
    seed: rest.seed,
    publicValueSource: rest.publicValueSource,
    publicValue: rest.publicValue,
    finalSeed: finalSeed(rest.seed, rest.publicValue),
    distribution: outcome.distribution,
    panel: outcome.panel,
    substitutes: outcome.substitutes,
    probabilities: outcome.probabilities,
    frozenAt: rest.frozenAt,
    committedAt: rest.committedAt,
    drawnAt: rest.drawnAt,
  } as const;
  return { ...body, proofHash: proofHash(body) } as AnySortitionProof;
}

/** The outcome of checking a proof; `leximin` tells what a format-2 check established. */
export type ProofCheck =
  | { readonly ok: true; readonly proof: AnySortitionProof; readonly leximin?: Omit<LeximinCheck, 'proof'> }
  | { readonly ok: false; readonly difference: string };

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The first place where two JSON values differ, as `path: expected X, the proof has Y`. */
export function firstDifference(path: string, expected: unknown, actual: unknown): string | undefined {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const found = firstDifference(`${path}[${i}]`, expected[i], actual[i]);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      const found = firstDifference(`${path}.${key}`, expected[key], actual[key]);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  return expected === actual
    ? undefined
    : `${path}: expected ${show(expected)}, the proof has ${show(actual)}`;
}

/**
 * Replays a published proof: schema; canonical pool and its hash; the seed against its commitment; the
 * final seed; the dates in order (frozen ≤ committed < drawn); the algorithm; the draw recomputed from
 * (pool, quotas, seats, final seed) and compared field by field; finally the proof's own hash, so that
 * any other edit is caught too. Reports the first difference.
 */
export async function verifySortitionProof(json: unknown): Promise<ProofCheck> {
  try {
    if (
      typeof json === 'object' &&
      json !== null &&
      'format' in json &&
      json.format === LEXIMIN_PROOF_FORMAT
    ) {
      const checked = verifyLeximinProof(json);
      if (!checked.ok) {
        return checked;
      }
      const { proof, ...leximin } = checked.check;
      return { ok: true, proof, leximin };
    }
    return await replay(json);
  } catch (error) {
    if (error instanceof SortitionError || error instanceof RangeError) {
      return { ok: false, difference: `the draw cannot be replayed: ${error.message}` };
    }
    throw error;
  }
}

/**
 * Verifies a proof as it will be published (its JSON text, as read back) before it is: the first
 * difference, or `null`. A proof that its own verifier rejects must never be published.
 */
export async function unverifiedDifference(proof: AnySortitionProof): Promise<string | null> {
  const check = await verifySortitionProof(JSON.parse(JSON.stringify(proof)));
  return check.ok ? null : check.difference;
}

async function replay(json: unknown): Promise<ProofCheck> {
  const parsed = SortitionProofSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, difference: `${['$', ...issue.path].join('.')}: ${issue.message}` };
  }
  const proof = parsed.data;
  const fail = (difference: string): ProofCheck => ({ ok: false, difference });
  const pool = canonicalPool(proof.pool, proof.quotas);
  const poolDifference = firstDifference('$.pool', pool, proof.pool);
  if (poolDifference) {
    return fail(`${poolDifference} (the pool must be sorted by id, with only the quota attributes)`);
  }
  const checks: [string, string, string][] = [
    ['$.poolHash', poolHash(pool), proof.poolHash],
    ['$.seedCommitment', seedCommitment(proof.seed), proof.seedCommitment],
    ['$.finalSeed', finalSeed(proof.seed, proof.publicValue), proof.finalSeed],
    ['$.algorithm', algorithmFor(proof.quotas), proof.algorithm],
  ];
  for (const [path, expected, actual] of checks) {
    if (expected !== actual) {
      return fail(`${path}: expected ${show(expected)}, the proof has ${show(actual)}`);
    }
  }
  if (!(proof.frozenAt <= proof.committedAt && proof.committedAt < proof.drawnAt)) {
    return fail('$.committedAt: the seed must be committed after the pool is frozen and before the draw');
  }
  const outcome: DrawOutcome = await drawPanel({
    pool,
    quotas: proof.quotas,
    seats: proof.seats,
    substituteCount: proof.substituteCount,
    finalSeed: proof.finalSeed,
  });
  const fields = ['distribution', 'panel', 'substitutes', 'probabilities'] as const;
  for (const field of fields) {
    const found = firstDifference(`$.${field}`, outcome[field], proof[field]);
    if (found) {
      return fail(found);
    }
  }
  const hash = proofHash(proof);
  if (hash !== proof.proofHash) {
    return fail(`$.proofHash: expected ${show(hash)}, the proof has ${show(proof.proofHash)}`);
  }
  return { ok: true, proof };
}
