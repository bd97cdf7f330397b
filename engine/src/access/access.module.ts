import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** The authorisation policy, available to every module (the engine's and the plugins'). */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
