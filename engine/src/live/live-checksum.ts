import { createHash } from 'node:crypto';

/** Hashes and sums stay below 2^30: V8 keeps such numbers unboxed (no heap number per row). */
const MOD = 2 ** 30;

/** Figures of one side of a reconciliation: how many rows, and the sum of their hashes modulo 2^30. */
export interface ChecksumFigures {
  readonly count: number;
  readonly sum: number;
}

/**
 * What a live tally has applied, reduced to a count and an order-free sum of one hash per row
 * (a vote per member, a delegation per member and scope), kept up to date change by change, so that
 * it can be compared with the same figures computed by PostgreSQL (`live-reconciler.sql.ts`).
 *
 * A comparison leaves out the rows PostgreSQL reports as recent (their announcement may still be on
 * its way): their hash as it stood when the comparison began (`mark`) is taken out of the tally's
 * side, which the journal keeps for rows changed since.
 */
export class Checksum {
  private readonly values = new Map<string, number>();
  private count = 0;
  private sum = 0;
  /** Hash of each row changed since `mark` as it stood at the mark (undefined: absent). */
  private journal: Map<string, number | undefined> | null = null;
  private marked: ChecksumFigures | null = null;

  /** Sets (hash) or removes (undefined) one row. */
  set(key: string, hash: number | undefined): void {
    const old = this.values.get(key);
    if (old === hash) {
      return;
    }
    if (this.journal && !this.journal.has(key)) {
      this.journal.set(key, old);
    }
    if (old !== undefined) {
      this.count -= 1;
      this.sum = (this.sum - old + MOD) % MOD;
    }
    if (hash === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, hash);
      this.count += 1;
      this.sum = (this.sum + hash) % MOD;
    }
  }

  /** Remembers the figures now and journals later changes, until `settled`. */
  mark(): void {
    this.marked = { count: this.count, sum: this.sum };
    this.journal = new Map();
  }

  /** The figures at the mark without the given rows; ends the journal (null without a mark). */
  settled(recent: readonly string[]): ChecksumFigures | null {
    const marked = this.marked;
    const journal = this.journal;
    this.marked = null;
    this.journal = null;
    if (!marked || !journal) {
      return null;
    }
    let { count, sum } = marked;
    for (const key of new Set(recent)) {
      const then = journal.has(key) ? journal.get(key) : this.values.get(key);
      if (then !== undefined) {
        count -= 1;
        sum = (sum - then + MOD) % MOD;
      }
    }
    return { count, sum };
  }
}

/** The first 32 bits of an MD5 digest, as PostgreSQL's `('x' || left(md5(text), 8))::bit(32)::bigint`. */
function md5Prefix32(text: string): number {
  return parseInt(createHash('md5').update(text, 'utf8').digest('hex').slice(0, 8), 16);
}

/**
 * A vote's hash: the member id's first 32 bits (a UUID) times a code of the choice (1, 2, 3 for
 * yes, no, abstain; a method ballot's canonical JSON gives 4 plus 16 bits of its MD5), modulo 2^30.
 * The SQL twin is in `live-reconciler.sql.ts`.
 */
export function voteHash(memberId: string, choice: string): number {
  const prefix = parseInt(memberId.slice(0, 8), 16);
  const code =
    choice === 'yes' ? 1 : choice === 'no' ? 2 : choice === 'abstain' ? 3 : 4 + (md5Prefix32(choice) >>> 16);
  return (prefix * code) % MOD;
}

/** A delegation's hash: MD5 of member, scope, ranked trustees and expiry (ms since epoch, or empty), modulo 2^30. */
export function delegationHash(
  memberId: string,
  scope: string,
  trustees: readonly string[],
  expiresAt: string | null | undefined,
): number {
  const expires = expiresAt ? String(Date.parse(expiresAt)) : '';
  return md5Prefix32(`${memberId}|${scope}|${trustees.join(',')}|${expires}`) % MOD;
}

/** The key of a delegation row within one ballot's tally (one row per member and scope). */
export function delegationKey(memberId: string, scope: string): string {
  return `${memberId}|${scope}`;
}

/**
 * A member's hash, over what the tally counts of them: the id's first 32 bits (a UUID), times 3 when active,
 * plus their weight in millionths (rounded half up, modulo 2^30) times 40,503, modulo 2^30. Plain integer
 * arithmetic (exact in doubles, below 2^47): a million members cost milliseconds, not the seconds an MD5 each
 * would. Only members with voting rights and the member role take part. The SQL twin is in
 * `live-reconciler.sql.ts`.
 */
export function memberHash(memberId: string, weight: number, active: boolean): number {
  const prefix = parseInt(memberId.slice(0, 8), 16);
  const micro = Math.floor(weight * 1_000_000 + 0.5) % MOD;
  return (prefix * (active ? 3 : 1) + micro * 40_503) % MOD;
}
