import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Account, normaliseEmail } from '../auth/account.entity';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { RefreshTokenStore } from '../auth/refresh-token.store';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { LiquideError } from '../errors/liquide-error';
import { MailOutbox, type MailLocale } from '../mail/mail.contract';
import { bindVerifiedAddress } from '../members/membership';
import { issueToken, spendToken } from './account-token.store';
import {
  addressInUseMail,
  changeAddressMail,
  LINK_PATHS,
  resetPasswordMail,
  verifyAddressMail,
} from './identity-mails';
import { IdentityErrorCode } from './identity.errors';

/** What following a verification link did. */
export interface VerificationResult {
  /** The account's address, now verified (the new one after a change). */
  readonly email: string;
  /** Memberships bound to the account by this verification. */
  readonly membershipsBound: number;
}

/**
 * Proof of address and password recovery: registration (sends the verification link), resending
 * it, following it (binds the memberships of that address), changing the address (the new one is
 * verified first) and resetting a password by e-mail. No answer tells a stranger whether an address
 * has an account: the outcomes differ only in the e-mail the address's owner receives.
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: MailOutbox,
    private readonly refreshTokens: RefreshTokenStore,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /**
   * Creates a local account and mails it the verification link; for an address that already has an
   * account, creates nothing and mails its owner instead. Both take as long and answer the same.
   */
  async register(
    input: { email: string; password: string; displayName: string },
    locale: MailLocale,
  ): Promise<void> {
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      await this.em.fork().transactional(async (em) => {
        const existing = await em.findOne(Account, { email });
        if (existing) {
          await this.outbox.enqueue(addressInUseMail(email, locale, this.config.publicUrl, existing.id));
          return;
        }
        const account = new Account({ email, displayName: input.displayName, passwordHash });
        em.persist(account);
        await em.flush();
        await this.mailVerification(em, account, locale);
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) {
        throw error;
      }
      // Registered at the same moment by another request: the address has an account now.
      const raced = await this.em.fork().findOne(Account, { email });
      if (raced) {
        await this.outbox.enqueue(addressInUseMail(email, locale, this.config.publicUrl, raced.id));
      }
    }
  }

  /**
   * Sends a new verification link (older ones stop working).
   * @throws LiquideError `identity.already_verified`.
   */
  async resendVerification(accountId: string, locale: MailLocale): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: accountId });
      if (account.emailVerifiedAt) {
        throw new LiquideError(IdentityErrorCode.AlreadyVerified);
      }
      await this.mailVerification(em, account, locale);
    });
  }

  /**
   * Follows a verification link (registration or address change): the address becomes the
   * account's, verified, and every unbound membership of that address is bound to the account.
   * @throws LiquideError `identity.link_invalid`, `identity.link_used`, `identity.link_expired`,
   *   `identity.email_unavailable`.
   */
  async verify(token: string): Promise<VerificationResult> {
    try {
      return await this.applyVerification(token);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new LiquideError(IdentityErrorCode.EmailUnavailable, { field: 'token' });
      }
      throw error;
    }
  }

  private applyVerification(token: string): Promise<VerificationResult> {
    return this.em.fork().transactional(async (em) => {
      const spent = await spendToken(em, token, ['verify_email', 'change_email']);
      const account = await em.findOneOrFail(Account, { id: spent.accountId });
      if (spent.purpose === 'verify_email' && spent.email !== account.email) {
        // the account moved to another address since this link was sent
        throw new LiquideError(IdentityErrorCode.LinkExpired, { field: 'token' });
      }
      if (spent.email !== account.email) {
        const holder = await em.findOne(Account, { email: spent.email });
        if (holder) {
          throw new LiquideError(IdentityErrorCode.EmailUnavailable, { field: 'token' });
        }
        account.email = spent.email;
      }
      account.emailVerifiedAt ??= new Date();
      if (spent.purpose === 'change_email') {
        account.emailVerifiedAt = new Date();
      }
      await em.flush();
      const membershipsBound = await bindVerifiedAddress(em, account.id, account.email);
      return { email: account.email, membershipsBound };
    });
  }

  /**
   * Mails a link to the new address; the account keeps its current address until the link is
   * followed. An address that already has an account gets a notice instead (same answer here).
   * @throws LiquideError `identity.wrong_password`, `identity.email_unchanged`.
   */
  async requestEmailChange(
    accountId: string,
    input: { newEmail: string; password?: string | undefined },
    locale: MailLocale,
  ): Promise<void> {
    const newEmail = normaliseEmail(input.newEmail);
    await this.em.fork().transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: accountId });
      if (account.passwordHash) {
        const valid = await verifyPassword(account.passwordHash, input.password ?? '');
        if (!valid) {
          throw new LiquideError(IdentityErrorCode.WrongPassword, { field: 'password' });
        }
      }
      if (newEmail === account.email) {
        throw new LiquideError(IdentityErrorCode.EmailUnchanged, { field: 'newEmail' });
      }
      const holder = await em.findOne(Account, { email: newEmail });
      if (holder) {
        await this.outbox.enqueue(addressInUseMail(newEmail, locale, this.config.publicUrl, holder.id));
        return;
      }
      const token = await issueToken(em, account.id, 'change_email', newEmail);
      await this.outbox.enqueue(
        changeAddressMail(
          newEmail,
          locale,
          account.displayName,
          this.link(LINK_PATHS.verify, token.value),
          token.id,
        ),
      );
    });
  }

  /** Mails a reset link when the address has an account with a password; always answers the same. */
  async requestPasswordReset(emailInput: string, locale: MailLocale): Promise<void> {
    const email = normaliseEmail(emailInput);
    await this.em.fork().transactional(async (em) => {
      const account = await em.findOne(Account, { email });
      if (!account) {
        return;
      }
      const token = await issueToken(em, account.id, 'reset_password', email);
      await this.outbox.enqueue(
        resetPasswordMail(
          email,
          locale,
          account.displayName,
          this.link(LINK_PATHS.reset, token.value),
          token.id,
        ),
      );
    });
  }

  /**
   * Follows a reset link: sets the password, ends every session (all refresh tokens revoked) and, the
   * link having proven the address, verifies it.
   * @throws LiquideError `identity.link_invalid`, `identity.link_used`, `identity.link_expired`.
   */
  async resetPassword(token: string, password: string): Promise<VerificationResult> {
    const passwordHash = await hashPassword(password);
    return this.em.fork().transactional(async (em) => {
      const spent = await spendToken(em, token, ['reset_password']);
      const account = await em.findOneOrFail(Account, { id: spent.accountId });
      if (spent.email !== account.email) {
        throw new LiquideError(IdentityErrorCode.LinkExpired, { field: 'token' });
      }
      account.passwordHash = passwordHash;
      account.emailVerifiedAt ??= new Date();
      await em.flush();
      await this.refreshTokens.revokeAllOf(account.id, em);
      const membershipsBound = await bindVerifiedAddress(em, account.id, account.email);
      return { email: account.email, membershipsBound };
    });
  }

  private async mailVerification(em: EntityManager, account: Account, locale: MailLocale): Promise<void> {
    const token = await issueToken(em, account.id, 'verify_email', account.email);
    await this.outbox.enqueue(
      verifyAddressMail(
        account.email,
        locale,
        account.displayName,
        this.link(LINK_PATHS.verify, token.value),
        token.id,
      ),
    );
  }

  private link(path: string, value: string): string {
    return `${this.config.publicUrl}${path}${value}`;
  }
}
