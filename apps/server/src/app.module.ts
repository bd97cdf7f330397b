import { Module, type DynamicModule } from '@nestjs/common';
import { EngineModule, type LiquideConfig } from '@liquide/engine';

/** The application: the engine plus the plugins listed explicitly. */
@Module({})
export class AppModule {
  static forRoot(config: LiquideConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [EngineModule.forRoot({ config, databaseUrl })],
    };
  }
}
