import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RefreshTokenStore } from './refresh-token.store';
import { loadSigningKey, SIGNING_KEY } from './signing-key';
import { TokenService } from './token.service';

/**
 * Authentication: accounts, ES256 access tokens, rotating refresh tokens, OpenID Connect, and the
 * global guard that requires a bearer token on every HTTP route not marked `@Public()`.
 */
@Module({
  controllers: [AuthController],
  providers: [
    {
      provide: SIGNING_KEY,
      inject: [LIQUIDE_CONFIG],
      useFactory: (config: LiquideConfig) => loadSigningKey(config),
    },
    AccountService,
    RefreshTokenStore,
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, AccountService, RefreshTokenStore],
})
export class AuthModule {}
