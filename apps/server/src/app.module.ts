import { Module, type DynamicModule } from '@nestjs/common';
import { EngineModule, type LiquidePlugin, type LiquideConfig } from '@liquide/engine';
import { petitionsPlugin } from '@liquide/plugin-petitions';
import { amendmentsPlugin } from '@liquide/plugin-amendments';
import { coDraftingPlugin } from '@liquide/plugin-co-drafting';
import { questionsPlugin } from '@liquide/plugin-questions';
import { agendaPlugin } from '@liquide/plugin-agenda';

/** The plugins this server runs, listed explicitly (no discovery); validated at start. */
export const APP_PLUGINS: readonly LiquidePlugin[] = [
  petitionsPlugin,
  amendmentsPlugin,
  coDraftingPlugin,
  questionsPlugin,
  agendaPlugin,
];

/** The application: the engine plus the plugins listed explicitly. */
@Module({})
export class AppModule {
  static forRoot(config: LiquideConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [EngineModule.forRoot({ config, databaseUrl, plugins: APP_PLUGINS })],
    };
  }
}
