import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { rateLimits, RateLimitGuard } from './rate-limit.guard';
import './security.errors';

/**
 * Rate limits (`@nestjs/throttler`): sign-in, registration and refresh per IP address, writes per
 * account. Imported after the AuthModule so that its guard has found the account first.
 * Headers (helmet) and CORS are applied to the HTTP server by {@link applyHttpSecurity}.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [LIQUIDE_CONFIG],
      useFactory: (config: LiquideConfig) => ({ throttlers: rateLimits(config), setHeaders: false }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class SecurityModule {}
