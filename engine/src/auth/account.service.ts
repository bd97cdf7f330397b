import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LiquideError } from '../errors';
import { Account, normaliseEmail } from './account.entity';
import { AuthErrorCode, TokenRefusedError } from './auth-errors';
import { hashPassword, spendPasswordCheck, verifyPassword } from './passwords';

/** What an OpenID Connect token says about the person, once verified. */
export interface OidcProfile {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
  /** The provider's `email_verified` claim is `true`. */
  readonly emailVerified: boolean;
  readonly displayName: string;
}

/**
 * Accounts: registration, password sign-in and the mapping of OpenID Connect identities. Each
 * operation runs in its own unit of work, so it works outside HTTP requests too.
 */
@Injectable()
export class AccountService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Creates a local account. The input is already validated (see `RegisterInput`).
   * @throws LiquideError `auth.email_taken` (field `email`).
   */
  async register(input: { email: string; password: string; displayName: string }): Promise<Account> {
    const em = this.em.fork();
    const email = normaliseEmail(input.email);
    if ((await em.count(Account, { email })) > 0) {
      throw emailTaken();
    }
    const account = new Account({
      email,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
    });
    try {
      await em.persist(account).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw emailTaken();
      }
      throw error;
    }
    return account;
  }

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
   * email verified.
   * @throws LiquideError `auth.oidc_email_conflict` when another account holds the email otherwise.
   */
  async findOrCreateFromOidc(profile: OidcProfile): Promise<Account> {
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

function emailTaken(): LiquideError {
  return new LiquideError(AuthErrorCode.EmailTaken, { field: 'email' });
}
