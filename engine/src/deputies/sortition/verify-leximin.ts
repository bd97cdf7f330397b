import { pricingBound } from './certificate';
import { groupProbabilities, sampleLeximin } from './draw-leximin';
import { brokenRule, groupModel } from './groups';
import { canonicalPool, finalSeed, poolHash, proofHash, seedCommitment } from './hash';
import { canonicalJson } from '../../record/canonical-json';
import { CERTIFICATE_TOLERANCE, LeximinProofSchema, type LeximinProof } from './leximin-types';

/** What a successful check of a LEXIMIN proof established, for the verifier to say. */
export interface LeximinCheck {
  readonly proof: LeximinProof;
  readonly groups: number;
  readonly panels: number;
  readonly levels: number;
  /** The largest amount by which a level's groups could, at most, all be raised (the certificate's gap). */
  readonly gap: number;
}

type Result = { ok: true; check: LeximinCheck } | { ok: false; difference: string };

const fail = (difference: string): Result => ({ ok: false, difference });

/**
 * Checks a LEXIMIN proof without any solver, in time linear in its size:
 * 1. schema; canonical pool, `poolHash`, seed against its commitment, `finalSeed`, dates;
 * 2. every published composition has the seats, meets every quota and household rule, stays within
 *    its groups' sizes (so every panel it can produce does), and the weights add up to the denominator;
 * 3. the probabilities follow from the weights (exact integer arithmetic) — compared as published text;
 * 4. the levels partition the groups, each level's value is its groups' smallest probability;
 * 5. each level's certificate: prices `y ≥ 0` positive on its groups, and multipliers of the pricing LP's
 *    dual bounding `Σ y_g c_g` over every composition (weak duality); hence no distribution over
 *    quota-satisfying panels that keeps the earlier levels' groups at their probabilities can give all
 *    the remaining groups more than the level's value plus the gap; the gap must be ≤ 1e-6;
 * 6. the panel and substitutes replayed from the final seed; the proof's own hash.
 */
export function verifyLeximinProof(json: unknown): Result {
  const parsed = LeximinProofSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${['$', ...issue.path].join('.')}: ${issue.message}`);
  }
  const proof = parsed.data;
  const pool = canonicalPool(proof.pool, proof.quotas);
  // compared as canonical JSON: the order of an object's keys means nothing (PostgreSQL's jsonb, which
  // stores the proof, returns them shortest first), and the hashes are over canonical JSON too
  if (canonicalJson(pool) !== canonicalJson(proof.pool)) {
    return fail('$.pool: the pool must be sorted by id, with only the quota attributes');
  }
  const checks: [string, string, string][] = [
    ['$.poolHash', poolHash(pool), proof.poolHash],
    ['$.seedCommitment', seedCommitment(proof.seed), proof.seedCommitment],
    ['$.finalSeed', finalSeed(proof.seed, proof.publicValue), proof.finalSeed],
  ];
  for (const [path, expected, actual] of checks) {
    if (expected !== actual) {
      return fail(`${path}: expected ${expected}, the proof has ${actual}`);
    }
  }
  if (!(proof.frozenAt <= proof.committedAt && proof.committedAt < proof.drawnAt)) {
    return fail('$.committedAt: the seed must be committed after the pool is frozen and before the draw');
  }
  const model = groupModel(pool, proof.quotas, proof.seats);
  const { distribution } = proof;
  let total = 0n;
  for (const [p, panel] of distribution.panels.entries()) {
    const broken = brokenRule(model, panel.counts);
    if (broken) {
      return fail(`$.distribution.panels[${p}].counts: ${broken}`);
    }
    total += BigInt(panel.weight);
  }
  if (total !== BigInt(distribution.denominator)) {
    return fail(`$.distribution.denominator: the weights add up to ${total}`);
  }
  const byGroup = groupProbabilities(model, distribution.panels, distribution.denominator);
  const levelCheck = checkLevels(proof, model, byGroup);
  if (typeof levelCheck === 'string') {
    return fail(levelCheck);
  }
  const drawn = sampleLeximin(pool, model, distribution, proof.substituteCount, proof.finalSeed);
  for (const field of ['panel', 'substitutes'] as const) {
    if (JSON.stringify(drawn[field]) !== JSON.stringify(proof[field])) {
      return fail(
        `$.${field}: the draw from the final seed gives ${JSON.stringify(drawn[field]).slice(0, 80)}`,
      );
    }
  }
  const ids = Object.keys(drawn.probabilities);
  for (const id of ids) {
    if (proof.probabilities[id] !== drawn.probabilities[id]) {
      return fail(
        `$.probabilities.${id}: expected "${drawn.probabilities[id]}", the proof has "${proof.probabilities[id]}"`,
      );
    }
  }
  if (Object.keys(proof.probabilities).length !== ids.length) {
    return fail('$.probabilities: one entry per volunteer of the pool');
  }
  const hash = proofHash(proof);
  if (hash !== proof.proofHash) {
    return fail(`$.proofHash: expected ${hash}, the proof has ${proof.proofHash}`);
  }
  return {
    ok: true,
    check: {
      proof,
      groups: model.sizes.length,
      panels: distribution.panels.length,
      levels: distribution.levels.length,
      gap: levelCheck,
    },
  };
}

/** Step 4 and 5; returns the largest gap, or the first difference. */
function checkLevels(
  proof: LeximinProof,
  model: ReturnType<typeof groupModel>,
  byGroup: string[],
): number | string {
  const levelOf = model.sizes.map(() => -1);
  const { levels } = proof.distribution;
  for (const [l, level] of levels.entries()) {
    for (const g of level.groups) {
      if (g >= levelOf.length || levelOf[g] !== -1) {
        return `$.distribution.levels[${l}].groups: group ${g} is unknown or in two levels`;
      }
      levelOf[g] = l;
    }
  }
  const missing = levelOf.indexOf(-1);
  if (missing >= 0) {
    return `$.distribution.levels: group ${missing} is in no level`;
  }
  let gap = 0;
  for (const [l, level] of levels.entries()) {
    const at = `$.distribution.levels[${l}]`;
    const expected = level.groups.map((g) => byGroup[g]).sort()[0];
    if (expected !== level.value) {
      return `${at}.value: expected "${expected}", the proof has "${level.value}"`;
    }
    const m = {
      seats: Number(level.multipliers.seats),
      max: level.multipliers.max.map(Number),
      min: level.multipliers.min.map(Number),
      households: level.multipliers.households.map(Number),
    };
    if (m.max.length !== model.quotas.length || m.min.length !== model.quotas.length) {
      return `${at}.multipliers: one maximum and one minimum multiplier per quota`;
    }
    if (m.households.length !== model.households.length) {
      return `${at}.multipliers.households: one multiplier per shared household`;
    }
    const y = model.sizes.map(() => 0);
    for (const [g, price] of level.prices) {
      if (g >= y.length) {
        return `${at}.prices: group ${g} is unknown`;
      }
      y[g] = Number(price);
    }
    if (level.groups.some((g) => !(y[g] > 0))) {
      return `${at}.prices: every group of the level needs a positive price`;
    }
    let scale = 0;
    let fixedPart = 0;
    model.sizes.forEach((n, g) => {
      if (levelOf[g] >= l) {
        scale += n * y[g];
      } else {
        fixedPart += n * y[g] * Number(byGroup[g]);
      }
    });
    const upper = (pricingBound(model, y, m) - fixedPart) / scale;
    const levelGap = upper - Number(level.value);
    if (!(levelGap <= CERTIFICATE_TOLERANCE)) {
      return `${at}: the certificate bounds the level by ${upper}, above its value ${level.value} by more than ${CERTIFICATE_TOLERANCE}`;
    }
    gap = Math.max(gap, levelGap);
  }
  return gap;
}
