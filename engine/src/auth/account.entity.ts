import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';

/** Longest display name an account may carry. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

/** Lower-cases and trims an email: accounts are unique by email regardless of case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An identity provider's account: the issuer and the subject it gives the person. */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
}

/**
 * A person who can sign in: with an email and a password (local), through an OpenID Connect
 * provider, or both. Knows nothing of collectives or roles.
 */
@Entity({ tableName: 'account' })
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  readonly id: string & Opt = randomUUID();

  /** Always stored lower-cased. */
  @Property({ type: 'text', unique: true })
  email: string;

  @Property({ type: 'text' })
  displayName: string;

  /** argon2id PHC string; null for accounts that only sign in through OpenID Connect. */
  @Property({ type: 'text', nullable: true })
  passwordHash: string | null = null;

  @Property({ type: 'text', nullable: true })
  oidcIssuer: string | null = null;

  @Property({ type: 'text', nullable: true })
  oidcSubject: string | null = null;

  /** When `email` was proven to be this person's (a link followed, or a provider's verified claim). */
  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  readonly createdAt: Date & Opt = new Date();

  constructor(input: { email: string; displayName: string; passwordHash?: string; oidc?: OidcIdentity }) {
    const email = normaliseEmail(input.email);
    if (!email.includes('@')) {
      throw new Error('An account needs an email address');
    }
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > DISPLAY_NAME_MAX_LENGTH) {
      throw new Error(`A display name has 1 to ${DISPLAY_NAME_MAX_LENGTH} characters`);
    }
    if (!input.passwordHash && !input.oidc) {
      throw new Error('An account needs a password or an OpenID Connect identity');
    }
    this.email = email;
    this.displayName = displayName;
    this.passwordHash = input.passwordHash ?? null;
    if (input.oidc) {
      this.linkOidc(input.oidc);
    }
  }

  /** Ties this account to an identity provider's subject. */
  linkOidc(identity: OidcIdentity): void {
    if (!identity.issuer || !identity.subject) {
      throw new Error('An OpenID Connect identity needs an issuer and a subject');
    }
    this.oidcIssuer = identity.issuer;
    this.oidcSubject = identity.subject;
  }
}
