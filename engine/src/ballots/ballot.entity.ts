import { randomBytes, randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import type { BallotMethodId, MethodOptionsBase } from '../ballot-methods';
import { Bill } from '../bills/bill.entity';
import { Collective } from '../collectives/collective.entity';

import type { BallotPurpose, BallotStatus, MandateBase, MandateMethod, Visibility } from './ballot.types';
import type { StoredFigures } from './result-figures';

export type { BallotPurpose, BallotStatus, MandateBase, MandateMethod, Visibility } from './ballot.types';

/** A vote on a bill: its window, who sees the tally when, and how the result binds the deputies. */
@Entity({ tableName: 'ballot' })
export class Ballot {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @ManyToOne(() => Bill, { ref: true, deleteRule: 'cascade' })
  readonly bill: Ref<Bill>;

  /** The bill's own vote, or a vote on one of its amendments (never counted as the bill's vote). */
  @Property({ type: 'text' })
  readonly purpose: BallotPurpose;

  /** How votes are cast and counted: yes / no / abstain (binding the deputies) or a ballot method. */
  @Property({ type: 'text' })
  readonly method: BallotMethodId & Opt = 'yes-no-abstain';

  /** The method's settings (its options…), validated by the method; null for yes / no / abstain. */
  @Property({ type: 'json', nullable: true })
  readonly methodOptions: MethodOptionsBase | null = null;

  @Property({ type: 'timestamptz' })
  opensAt: Date;

  @Property({ type: 'timestamptz' })
  closesAt: Date;

  @Property({ type: 'text' })
  visibility: Visibility;

  @Property({ type: 'text' })
  mandateMethod: MandateMethod;

  @Property({ type: 'text' })
  mandateBase: MandateBase;

  @Property({ type: 'integer' })
  deputies: number;

  /** Public seed of the deterministic tie-break and instruction draws. */
  @Property({ type: 'text' })
  readonly seed: string & Opt = randomBytes(16).toString('hex');

  @Property({ type: 'text' })
  status: BallotStatus & Opt = 'draft';

  @Property({ type: 'timestamptz', nullable: true })
  openedAt: Date | null = null;

  /** When the ballot really closed: early by an organiser, or at `closesAt` by the scheduler. */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  /**
   * Final result's figures — the result without its voters and lost members — written once at close and never
   * changed. The whole result is the column `result_text` (not mapped: tens of MiB for a large ballot).
   */
  @Property({ type: 'json', nullable: true })
  result: StoredFigures | null = null;

  @Property({ type: 'text', nullable: true })
  resultHash: string | null = null;

  /** Turnout and delegated share of the final result (shares of the total eligible weight). */
  @Property({ type: 'json', nullable: true })
  resultStats: { turnout: number; delegatedShare: number } | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: {
    collective: Ref<Collective>;
    bill: Ref<Bill>;
    opensAt: Date;
    closesAt: Date;
    visibility: Visibility;
    mandateMethod: MandateMethod;
    mandateBase: MandateBase;
    deputies: number;
    purpose?: BallotPurpose;
    method?: { id: BallotMethodId; options: MethodOptionsBase | null };
  }) {
    this.collective = input.collective;
    this.bill = input.bill;
    this.purpose = input.purpose ?? 'bill';
    this.opensAt = input.opensAt;
    this.closesAt = input.closesAt;
    this.visibility = input.visibility;
    this.mandateMethod = input.mandateMethod;
    this.mandateBase = input.mandateBase;
    this.deputies = input.deputies;
    if (input.method && input.method.id !== 'yes-no-abstain') {
      this.method = input.method.id;
      this.methodOptions = input.method.options;
    }
  }

  /** Votes count only while the ballot is open and inside its window. */
  acceptsVotesAt(now: Date): boolean {
    return this.status === 'open' && now >= this.opensAt && now < this.closesAt;
  }
}
