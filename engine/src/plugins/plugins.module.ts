import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ConfigurePluginHandler, DisablePluginHandler, ListPluginsHandler } from './commands/plugin.handlers';
import type { LiquidePlugin } from './plugin-definition';
import { PluginAccessService } from './plugin-access.service';
import { PluginRegistry } from './plugin-registry';
import { PluginsController } from './plugins.controller';
import { PluginSettingsService } from './plugin-settings.service';
import { validatePlugins } from './plugin-validation';

/** One Nest module per plugin, built from what its definition declares. */
function pluginModule(plugin: LiquidePlugin): DynamicModule {
  const host = class {};
  Object.defineProperty(host, 'name', { value: `Plugin_${plugin.id.replace(/-/g, '_')}` });
  Module({})(host);
  return {
    module: host as Type,
    imports: [RecordModule, ...(plugin.imports ?? [])],
    controllers: [...(plugin.controllers ?? [])],
    providers: [
      ...(plugin.commandHandlers ?? []),
      ...(plugin.queryHandlers ?? []),
      ...(plugin.eventHandlers ?? []),
      ...(plugin.gateways ?? []),
      ...(plugin.providers ?? []),
    ],
    exports: [...(plugin.exports ?? [])],
  };
}

/**
 * The plugin host: validates the listed plugins (a bad engine range or a missing dependency stops
 * the start), mounts each one's module, serves the per-collective plugins API and gives every
 * plugin the registry, its settings and the authorisation of its actions.
 */
@Module({})
export class PluginsModule {
  static forRoot(plugins: readonly LiquidePlugin[]): DynamicModule {
    validatePlugins(plugins);
    return {
      module: PluginsModule,
      global: true,
      imports: [RecordModule, ...plugins.map(pluginModule)],
      controllers: [PluginsController],
      providers: [
        { provide: PluginRegistry, useValue: new PluginRegistry(plugins) },
        PluginSettingsService,
        PluginAccessService,
        ConfigurePluginHandler,
        DisablePluginHandler,
        ListPluginsHandler,
      ],
      exports: [PluginRegistry, PluginSettingsService, PluginAccessService],
    };
  }
}
