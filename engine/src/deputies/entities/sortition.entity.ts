import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Collective } from '../../collectives/collective.entity';
import type { AnySortitionProof as SortitionProof } from '../sortition/leximin-types';
import type { PoolEntry, Quota } from '../sortition/types';

export type SortitionStatus = 'frozen' | 'committed' | 'drawn';

/** One draw: frozen pool → seed commitment → draw with its proof (docs/sortition.md). */
@Entity({ tableName: 'sortition' })
export class Sortition {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @Property({ type: 'text' })
  status: SortitionStatus & Opt = 'frozen';

  @Property({ type: 'integer' })
  readonly seats: number;

  @Property({ type: 'integer' })
  readonly substituteCount: number;

  @Property({ type: 'json' })
  readonly quotas: Quota[];

  /** The canonical pool, frozen: sorted ids with the quota attributes only. */
  @Property({ type: 'json' })
  readonly pool: PoolEntry[];

  @Property({ type: 'text' })
  readonly poolHash: string;

  @Property({ type: 'timestamptz' })
  readonly frozenAt: Date & Opt = new Date();

  @Property({ type: 'uuid' })
  readonly frozenBy: string;

  @Property({ type: 'text', nullable: true })
  seedCommitment: string | null = null;

  /** Set only when the server generated the seed; never shown before the draw. */
  @Property({ type: 'text', nullable: true, hidden: true })
  secretSeed: string | null = null;

  /** Where the public value will come from, announced with the commitment. */
  @Property({ type: 'text', nullable: true })
  publicValueSource: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  committedAt: Date | null = null;

  @Property({ type: 'json', nullable: true })
  proof: SortitionProof | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  drawnAt: Date | null = null;

  constructor(input: {
    collective: Ref<Collective>;
    seats: number;
    substituteCount: number;
    quotas: Quota[];
    pool: PoolEntry[];
    poolHash: string;
    frozenBy: string;
  }) {
    if (input.seats < 1 || input.substituteCount < 0) {
      throw new RangeError('A sortition needs at least one seat and no negative substitute count');
    }
    this.collective = input.collective;
    this.seats = input.seats;
    this.substituteCount = input.substituteCount;
    this.quotas = input.quotas;
    this.pool = input.pool;
    this.poolHash = input.poolHash;
    this.frozenBy = input.frozenBy;
  }
}
