import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LiquideError } from '../errors';
import { Account, normaliseEmail } from './account.entity';
import { AuthErrorCode, TokenRefusedError } from './auth-errors';
import { spendPasswordCheck, verifyPassword } from './passwords';
import { bindByClaim, bindVerifiedAddress } from '../members/membership';

/** What an OpenID Connect token says about the person, once verified. */
export interface OidcProfile {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
  /** The provider's `email_verified` claim is `true`. */
  readonly emailVerified: boolean;
  readonly displayName: string;
  /** Identity-provider mode: the configured stable claim's value and the collectives that trust it. */
  readonly bind?: { readonly claim: string; readonly value: string; readonly collectives: readonly string[] };
}

/**
 * Accounts: password sign-in and the mapping of OpenID Connect identities. Each
 * operation runs in its own unit of work, so it works outside HTTP requests too.
 */
@Injectable()
export class AccountService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Checks an email and password. Takes about as long whether or not the email has an account.
   * @throws LiquideError `auth.invalid_credentials`.
   */
  async authenticate(email: string, password: string): Promise<Account> {
    const account = await this.em.fork().findOne(Account, { email: normaliseEmail(email) });
    const valid = account?.passwordHash
      ? await verifyPassword(account.passwordHash, password)
      : await spendPasswordCheck(password);
    if (!account || !valid) {
      throw new LiquideError(AuthErrorCode.InvalidCredentials);
    }
    return account;
  }

  /** The account with this id, or null. */
  findById(id: string): Promise<Account | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      return Promise.resolve(null);
    }
    return this.em.fork().findOne(Account, { id });
  }

  /**
   * The account of an OpenID Connect identity, found by (issuer, subject). At first sign-in it is
   * created, or linked to the local account with the same email when the provider vouches the
   * email verified. A vouched address counts as verified and binds its memberships; an unvouched one
   * signs in with nothing bound (the account may still prove it by our e-mail link). With the
   * provider configured as an identity provider for collectives, the stable claim binds too.
   * @throws LiquideError `auth.oidc_email_conflict` when another account holds the email otherwise.
   */
  async findOrCreateFromOidc(profile: OidcProfile): Promise<Account> {
    const account = await this.findOrCreateOidcAccount(profile);
    const email = normaliseEmail(profile.email);
    if (profile.emailVerified && account.email === email && account.emailVerifiedAt === null) {
      await this.em.fork().transactional(async (em) => {
        const updated = await em.nativeUpdate(
          Account,
          { id: account.id, emailVerifiedAt: null },
          { emailVerifiedAt: new Date() },
        );
        if (updated > 0) {
          await bindVerifiedAddress(em, account.id, email);
        }
      });
      account.emailVerifiedAt = new Date();
    }
    if (profile.bind) {
      await bindByClaim(this.em.fork(), account.id, profile.bind);
    }
    return account;
  }

  private async findOrCreateOidcAccount(profile: OidcProfile): Promise<Account> {
    const em = this.em.fork();
    const identity = { oidcIssuer: profile.issuer, oidcSubject: profile.subject };
    const known = await em.findOne(Account, identity);
    if (known) {
      return known;
    }
    const email = normaliseEmail(profile.email);
    const sameEmail = await em.findOne(Account, { email });
    if (sameEmail) {
      if (sameEmail.oidcIssuer === profile.issuer && sameEmail.oidcSubject === profile.subject) {
        return sameEmail; // created by a concurrent first request of the same person
      }
      if (sameEmail.oidcIssuer !== null || !profile.emailVerified) {
        throw new LiquideError(AuthErrorCode.OidcEmailConflict);
      }
      sameEmail.linkOidc({ issuer: profile.issuer, subject: profile.subject });
      await em.flush();
      return sameEmail;
    }
    let account: Account;
    try {
      account = new Account({
        email,
        displayName: profile.displayName,
        oidc: { issuer: profile.issuer, subject: profile.subject },
      });
    } catch {
      throw new TokenRefusedError('bad-claim');
    }
    try {
      await em.persist(account).flush();
      return account;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) {
        throw error;
      }
      // Two first connections raced: the other one created the account.
      const raced = await this.em.fork().findOne(Account, identity);
      if (raced) {
        return raced;
      }
      throw new LiquideError(AuthErrorCode.OidcEmailConflict);
    }
  }
}
