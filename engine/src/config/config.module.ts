import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { LiquideConfig } from './liquide-config';

/** Injection token for the typed configuration. */
export const LIQUIDE_CONFIG = Symbol('LIQUIDE_CONFIG');

/** Exposes the configuration parsed at start to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: LiquideConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: LIQUIDE_CONFIG, useValue: config }],
      exports: [LIQUIDE_CONFIG],
    };
  }
}
