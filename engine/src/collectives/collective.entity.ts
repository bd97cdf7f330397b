import { randomBytes, randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** Settings an organiser chooses for a collective. */
export interface CollectiveSettings {
  readonly delegationCap: number | null;
  readonly visibility: 'live' | 'after-vote' | 'after-close';
  readonly mandateMethod: 'largest-remainder' | 'dhondt' | 'sainte-lague';
  readonly mandateBase: 'cast' | 'members';
  readonly deputies: number;
  readonly timezone: string;
  readonly public: boolean;
}

export const DEFAULT_COLLECTIVE_SETTINGS: CollectiveSettings = {
  delegationCap: null,
  visibility: 'after-close',
  mandateMethod: 'largest-remainder',
  mandateBase: 'cast',
  deputies: 577,
  timezone: 'Europe/Paris',
  public: true,
};

/** A group of members who vote together, with its own settings. */
@Entity({ tableName: 'collective' })
export class Collective {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text', unique: true })
  slug: string;

  @Property({ type: 'json' })
  settings: CollectiveSettings;

  /** Secret key of the per-ballot pseudonyms in the public record; never exported. */
  @Property({ type: 'text', hidden: true })
  readonly recordSecret: string & Opt = randomBytes(32).toString('base64url');

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(name: string, slug: string, settings: CollectiveSettings = DEFAULT_COLLECTIVE_SETTINGS) {
    if (name.trim().length === 0) {
      throw new Error('A collective needs a name');
    }
    this.name = name.trim();
    this.slug = slug;
    this.settings = settings;
  }
}
