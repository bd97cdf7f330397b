import type { ZodObject } from 'zod';
import { LiquideError } from '../errors/liquide-error';
import type { LiquidePlugin, PluginActionRule } from './plugin-definition';
import { PluginErrorCode } from './plugin-errors';
import { composeSettingsSchema } from './plugin-settings-schema';

/** A declared plugin action, with the plugin that declares it. */
export interface RegisteredAction {
  readonly plugin: LiquidePlugin;
  readonly rule: PluginActionRule;
}

/** The plugins this server runs (as listed by `apps/server`), with their actions and settings schemas. */
export class PluginRegistry {
  private readonly byId = new Map<string, LiquidePlugin>();
  private readonly actions = new Map<string, RegisteredAction>();
  private readonly schemas = new Map<string, ZodObject>();

  constructor(readonly plugins: readonly LiquidePlugin[]) {
    for (const plugin of plugins) {
      this.byId.set(plugin.id, plugin);
      this.schemas.set(plugin.id, composeSettingsSchema(plugin.settings));
      for (const [action, rule] of Object.entries(plugin.actions ?? {})) {
        this.actions.set(action, { plugin, rule });
      }
    }
  }

  /** The plugin, or a 404 `plugin.not_found`. */
  get(pluginId: string): LiquidePlugin {
    const plugin = this.byId.get(pluginId);
    if (!plugin) {
      throw new LiquideError(PluginErrorCode.NotFound, { field: 'pluginId', params: { pluginId } });
    }
    return plugin;
  }

  /** The rule of a declared action; an undeclared one is a programming error (500). */
  action(action: string): RegisteredAction {
    const found = this.actions.get(action);
    if (!found) {
      throw new LiquideError(PluginErrorCode.UnknownAction, { params: { action } });
    }
    return found;
  }

  /** `{ global, phases }` schema of a plugin's settings. */
  settingsSchema(pluginId: string): ZodObject {
    this.get(pluginId);
    return this.schemas.get(pluginId)!;
  }
}
