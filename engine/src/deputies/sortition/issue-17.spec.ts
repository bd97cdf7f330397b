import { drawLeximin } from './draw-leximin';
import issue17 from './fixtures/issue-17-pool.json';
import tolerance from './fixtures/issue-17-tolerance-pool.json';
import { canonicalPool, finalSeed, proofHash, seedCommitment } from './hash';
import { buildProof, unverifiedDifference, verifySortitionProof } from './proof';
import type { PoolEntry, Quota } from './types';

const SEED = 'issue-17-seed';
const PUBLIC = 'EuroMillions 2026-12-04';

/**
 * The inputs of a real-server draw (4 features, 2,000 volunteers, 200 seats) whose published
 * `leximin-groups-highs/2` proof failed its own verification at level 7: a margin widened at level 22
 * lowered every earlier group by 9·10⁻⁹, which the prices of later levels amplify up to 8,000 times.
 * Ids renamed in the same order: the groups, and so the computation, are the same.
 */
function issue17Pool(fixture: typeof issue17 = issue17): PoolEntry[] {
  const pool = fixture.members.map((combo, i) => {
    const values = fixture.combos[combo].split('|');
    return {
      id: `p${String(i).padStart(4, '0')}`,
      attributes: Object.fromEntries(fixture.attributes.map((a, k) => [a, values[k]])),
    };
  });
  return canonicalPool(pool, fixture.quotas);
}

async function proofOf(pool: PoolEntry[], quotas: Quota[], seats: number, substituteCount: number) {
  const outcome = await drawLeximin({
    pool,
    quotas,
    seats,
    substituteCount,
    finalSeed: finalSeed(SEED, PUBLIC),
  });
  return buildProof({
    collectiveId: 'c1',
    sortitionId: 's1',
    pool,
    seats,
    substituteCount,
    quotas,
    seedCommitment: seedCommitment(SEED),
    seed: SEED,
    publicValueSource: 'EuroMillions draw of Friday 4 December 2026',
    publicValue: PUBLIC,
    frozenAt: '2026-12-01T10:00:00.000Z',
    committedAt: '2026-12-01T10:05:00.000Z',
    drawnAt: '2026-12-04T21:00:00.000Z',
    outcome,
  });
}

describe('issue #17: every LEXIMIN proof the server publishes passes its own verification', () => {
  it('verifies the proof of the draw whose version-2 proof failed at level 7 (a margin widened late)', async () => {
    const proof = await proofOf(issue17Pool(), issue17.quotas, issue17.seats, issue17.substituteCount);
    expect(proof.algorithm).toBe('leximin-groups-highs/4');
    const sut = await verifySortitionProof(JSON.parse(JSON.stringify(proof)));
    expect(sut).toMatchObject({ ok: true, leximin: { levels: expect.any(Number) } });
    expect(sut.ok && sut.leximin!.gap).toBeLessThan(1e-6);
  }, 300_000);

  it('verifies, well within the tolerance, the draw whose version-3 proof missed level 8 by 7·10⁻⁷ (LP tolerance)', async () => {
    // version 3 solved the master to HiGHS's default feasibility (10⁻⁷): its λ summed to 1 + 1.6·10⁻⁷, and
    // level 8 (whose earlier groups' prices outweigh its own 7,659 times) failed by 1.7·10⁻⁶
    const proof = await proofOf(
      issue17Pool(tolerance),
      tolerance.quotas,
      tolerance.seats,
      tolerance.substituteCount,
    );
    const sut = await verifySortitionProof(JSON.parse(JSON.stringify(proof)));
    expect(sut).toMatchObject({ ok: true });
    expect(sut.ok && sut.leximin!.gap).toBeLessThan(1e-7);
  }, 300_000);

  it('names why a proof may not be published: the first difference its verifier finds', async () => {
    const quotas: Quota[] = [
      { attribute: 'gender', value: 'f', min: 2, max: 2 },
      { attribute: 'region', value: 'nord', min: 1, max: 3 },
    ];
    const pool = canonicalPool(
      Array.from({ length: 10 }, (_, i) => ({
        id: `v${String(i).padStart(2, '0')}`,
        attributes: { gender: i < 3 ? 'f' : 'h', region: i < 5 ? 'nord' : 'sud' },
      })),
      quotas,
    );
    const proof = await proofOf(pool, quotas, 4, 2);
    expect(await unverifiedDifference(proof)).toBeNull();
    if (proof.format !== 'liquide-sortition-proof/2') {
      throw new Error('a LEXIMIN proof was expected');
    }
    // a certificate 0.01 too weak, resealed: the hash alone would not tell
    const { proofHash: _hash, ...body } = structuredClone(proof);
    const level = body.distribution.levels[0];
    level.multipliers.seats = String(Number(level.multipliers.seats) + 0.01);
    expect(await unverifiedDifference({ ...body, proofHash: proofHash(body) })).toMatch(
      /^\$\.distribution\.levels\[0\]: the certificate bounds the level/,
    );
  });
});
