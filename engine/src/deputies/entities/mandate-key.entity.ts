import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import type { JWK } from 'jose';
import { Collective } from '../../collectives/collective.entity';

/**
 * A collective's instruction-signing key. The private half is stored encrypted (AES-256-GCM under the
 * server's master key) and never leaves the server; retired keys stay published for verification.
 */
@Entity({ tableName: 'mandate_key' })
export class MandateKey {
  /** `<collectiveId>.<JWK thumbprint>`: verifiers check that the key belongs to the claimed collective. */
  @PrimaryKey({ type: 'text' })
  readonly kid: string;

  @ManyToOne(() => Collective, { ref: true, deleteRule: 'cascade' })
  readonly collective: Ref<Collective>;

  @Property({ type: 'text' })
  readonly alg: 'ES256' & Opt = 'ES256';

  @Property({ type: 'json' })
  readonly publicJwk: JWK;

  @Property({ type: 'text', hidden: true, lazy: true })
  readonly encryptedPrivateKey: string;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;

  constructor(collective: Ref<Collective>, kid: string, publicJwk: JWK, encryptedPrivateKey: string) {
    this.collective = collective;
    this.kid = kid;
    this.publicJwk = publicJwk;
    this.encryptedPrivateKey = encryptedPrivateKey;
  }
}
