import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DomainEventBridge } from './domain-event-bridge';
import { LiveGateway } from './live.gateway';
import { LiveLimiter } from './live-limiter';
import './live.errors';
import { LiveReconciler } from './live-reconciler';
import { LiveService } from './live.service';
import { LiveTallyRegistry } from './live-tally.registry';

/** Live tallies over socket.io: a room per ballot, personal events, several instances through Redis. */
@Module({
  imports: [AuthModule],
  providers: [LiveGateway, LiveLimiter, LiveService, LiveTallyRegistry, DomainEventBridge, LiveReconciler],
  exports: [LiveService],
})
export class LiveModule {}
