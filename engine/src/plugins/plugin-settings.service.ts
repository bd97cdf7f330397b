import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LiquideError } from '../errors/liquide-error';
import { PluginErrorCode } from './plugin-errors';
import { PluginRegistry } from './plugin-registry';
import { PluginSetting } from './plugin-setting.entity';

/** A plugin's state in one collective. */
export interface PluginState {
  readonly enabled: boolean;
  /** `{ global, phases }` with defaults applied (the defaults alone when never configured). */
  readonly settings: Record<string, unknown>;
  readonly preset: string | null;
  readonly updatedAt: string | null;
}

/** Reads whether a plugin is enabled in a collective and its settings there. */
@Injectable()
export class PluginSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PluginRegistry,
  ) {}

  async state(
    collectiveId: string,
    pluginId: string,
    em: EntityManager = this.em.fork(),
  ): Promise<PluginState> {
    const schema = this.registry.settingsSchema(pluginId);
    const row = await em.findOne(PluginSetting, { collective: collectiveId, pluginId });
    const parsed = schema.safeParse(row?.settings ?? {});
    return {
      enabled: row?.enabled ?? false,
      // stored settings were valid when saved; a plugin upgrade that breaks them falls back to defaults
      settings: parsed.success ? parsed.data : schema.parse({}),
      preset: row?.preset ?? null,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  }

  /** The settings of an enabled plugin, or a 409 `plugin.disabled`. */
  async enabledSettings<T = Record<string, unknown>>(
    collectiveId: string,
    pluginId: string,
    em?: EntityManager,
  ): Promise<T> {
    const state = await this.state(collectiveId, pluginId, em);
    if (!state.enabled) {
      throw new LiquideError(PluginErrorCode.Disabled, { params: { pluginId } });
    }
    return state.settings as T;
  }

  /** Refuses with 409 `plugin.disabled` unless the plugin is enabled in the collective. */
  async assertEnabled(collectiveId: string, pluginId: string, em?: EntityManager): Promise<void> {
    await this.enabledSettings(collectiveId, pluginId, em);
  }
}
