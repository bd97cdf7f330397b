import { Body, Controller, Header, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RegisterDto } from '../auth/auth.schemas';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { CurrentAccount } from '../auth/current-account.decorator';
import { Public } from '../auth/public.decorator';
import { pickLanguage } from '../errors/error-catalog';
import { AuthRateLimit } from '../security/rate-limit.guard';
import { IdentityService, type VerificationResult } from './identity.service';
import {
  ChangeEmailDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  VerifyEmailDto,
  type LinkSentView,
} from './identity.schemas';

const LINK_SENT: LinkSentView = { status: 'link_sent' };

/**
 * Registration and proof of address: register, verify, resend, change the address, reset the
 * password. Links are sent in the caller's language (`Accept-Language`, French by default).
 */
@ApiTags('auth')
@Controller('api/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  /** Always 202 with the same body: a taken address is told by e-mail to its owner, never here. */
  @Public()
  @AuthRateLimit()
  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('Cache-Control', 'no-store')
  async register(
    @Body() body: RegisterDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<LinkSentView> {
    await this.identity.register(body, pickLanguage(language));
    return LINK_SENT;
  }

  /**
   * Public: the link is the credential (256 random bits: guessing is hopeless, so this cheap route
   * is limited like any anonymous write, per IP, not by the strict sign-in limit).
   */
  @Public()
  @Post('verify-email')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  verify(@Body() body: VerifyEmailDto): Promise<VerificationResult> {
    return this.identity.verify(body.token);
  }

  @ApiBearerAuth()
  @AuthRateLimit()
  @Post('verify-email/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  async resend(
    @CurrentAccount() account: AuthenticatedAccount,
    @Headers('accept-language') language: string | undefined,
  ): Promise<LinkSentView> {
    await this.identity.resendVerification(account.accountId, pickLanguage(language));
    return LINK_SENT;
  }

  @ApiBearerAuth()
  @AuthRateLimit()
  @Post('email')
  @HttpCode(HttpStatus.ACCEPTED)
  async changeEmail(
    @CurrentAccount() account: AuthenticatedAccount,
    @Body() body: ChangeEmailDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<LinkSentView> {
    await this.identity.requestEmailChange(account.accountId, body, pickLanguage(language));
    return LINK_SENT;
  }

  /** Always 202 with the same body, whether or not the address has an account. */
  @Public()
  @AuthRateLimit()
  @Post('password-reset/request')
  @HttpCode(HttpStatus.ACCEPTED)
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<LinkSentView> {
    await this.identity.requestPasswordReset(body.email, pickLanguage(language));
    return LINK_SENT;
  }

  /** Public: the link is the credential. Every session of the account ends. */
  @Public()
  @AuthRateLimit()
  @Post('password-reset')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  reset(@Body() body: PasswordResetDto): Promise<VerificationResult> {
    return this.identity.resetPassword(body.token, body.password);
  }
}
