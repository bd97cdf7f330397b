import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';

/**
 * One refresh token, stored as the SHA-256 hash of the opaque value the client holds. Every use
 * revokes it and issues the next one of the same family; reusing a revoked one revokes the family.
 */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  readonly account: Ref<Account>;

  /** Hex SHA-256 of the token value. */
  @Property({ type: 'text', unique: true })
  readonly tokenHash: string;

  /** Shared by every token descended from one sign-in. */
  @Index()
  @Property({ type: 'uuid' })
  readonly familyId: string;

  @Property({ type: 'timestamptz' })
  readonly expiresAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: { account: Ref<Account>; tokenHash: string; familyId: string; expiresAt: Date }) {
    if (!/^[0-9a-f]{64}$/.test(input.tokenHash)) {
      throw new Error('A refresh token is stored as a hex SHA-256 hash');
    }
    if (input.expiresAt.getTime() <= Date.now()) {
      throw new Error('A refresh token must expire in the future');
    }
    this.account = input.account;
    this.tokenHash = input.tokenHash;
    this.familyId = input.familyId;
    this.expiresAt = input.expiresAt;
  }
}
