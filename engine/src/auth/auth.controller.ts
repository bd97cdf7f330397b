import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { JSONWebKeySet } from 'jose';
import { AccountService } from './account.service';
import { TokenRefusedError } from './auth-errors';
import { LoginDto, RefreshDto, type AccountView } from './auth.schemas';
import type { AuthenticatedAccount, TokenPair } from './authenticated-account';
import { CurrentAccount } from './current-account.decorator';
import { AuthRateLimit } from '../security/rate-limit.guard';
import { Public } from './public.decorator';
import { TokenService } from './token.service';

/** Accounts and tokens: register, sign in, refresh, sign out, who am I, public keys. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @AuthRateLimit()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  async login(@Body() body: LoginDto): Promise<TokenPair> {
    return this.tokens.issue(await this.accounts.authenticate(body.email, body.password));
  }

  @Public()
  @AuthRateLimit()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.tokens.refresh(body.refreshToken);
  }

  /** Public: the refresh token is the credential, so a client whose access token expired can still sign out. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.tokens.revoke(body.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentAccount() caller: AuthenticatedAccount): Promise<AccountView> {
    const account = await this.accounts.findById(caller.accountId);
    if (!account) {
      throw new TokenRefusedError('unknown-account');
    }
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      emailVerified: account.emailVerifiedAt !== null,
      signsInWith: { password: account.passwordHash !== null, oidc: account.oidcIssuer !== null },
      createdAt: account.createdAt.toISOString(),
    };
  }

  @Public()
  @Get('jwks')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): JSONWebKeySet {
    return this.tokens.jwks();
  }
}
