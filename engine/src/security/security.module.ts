import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig } from '../config/liquide-config';
import { rateLimits, RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorageModule, SharedThrottlerStorage } from './shared-throttler.storage';
import './security.errors';

/**
 * Rate limits (`@nestjs/throttler`): sign-in, registration and refresh per IP address, writes per
 * account, counted in Redis when REDIS_URL is set (one count across instances), else in memory. Imported after the AuthModule so that its guard has found the account first.
 * Headers (helmet) and CORS are applied to the HTTP server by {@link applyHttpSecurity}.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [LIQUIDE_CONFIG, SharedThrottlerStorage],
      useFactory: (config: LiquideConfig, storage: SharedThrottlerStorage) => ({
        throttlers: rateLimits(config),
        setHeaders: false,
        storage,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class SecurityModule {}
