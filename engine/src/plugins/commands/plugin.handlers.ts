import { EntityManager } from '@mikro-orm/postgresql';
import {
  CommandHandler,
  EventBus,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { z } from 'zod';
import { Collective } from '../../collectives/collective.entity';
import { LiquideError } from '../../errors/liquide-error';
import { parseInput } from '../../errors/validation';
import { RecordService } from '../../record/record.service';
import type { LiquidePlugin } from '../plugin-definition';
import { PluginErrorCode } from '../plugin-errors';
import { PluginRegistry } from '../plugin-registry';
import { PluginSetting } from '../plugin-setting.entity';
import { settingsJsonSchema } from '../plugin-settings-schema';
import { PluginSettingsService, type PluginState } from '../plugin-settings.service';
import {
  ConfigurePluginCommand,
  DisablePluginCommand,
  ListPluginsQuery,
  PluginDisabledEvent,
  PluginEnabledEvent,
  type PluginView,
} from './plugin.commands';

function view(plugin: LiquidePlugin, state: PluginState): PluginView {
  return {
    id: plugin.id,
    version: plugin.version,
    title: plugin.title,
    description: plugin.description ?? null,
    ...state,
    settingsSchema: settingsJsonSchema(plugin),
    phases: Object.keys(plugin.settings?.phases ?? {}),
    presets: Object.entries(plugin.settings?.presets ?? {}).map(([name, preset]) => ({
      name,
      title: preset.title,
    })),
    actions: plugin.actions ?? {},
    web: plugin.web ?? {},
  };
}

@CommandHandler(ConfigurePluginCommand)
export class ConfigurePluginHandler implements ICommandHandler<ConfigurePluginCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PluginRegistry,
    private readonly states: PluginSettingsService,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ collectiveId, pluginId, input }: ConfigurePluginCommand): Promise<PluginView> {
    const plugin = this.registry.get(pluginId);
    if (input.preset !== undefined && input.settings !== undefined) {
      throw new LiquideError(PluginErrorCode.PresetAndSettings, { field: 'preset' });
    }
    const presets = plugin.settings?.presets ?? {};
    if (input.preset !== undefined && !(input.preset in presets)) {
      throw new LiquideError(PluginErrorCode.PresetNotFound, {
        field: 'preset',
        params: { preset: input.preset, presets: Object.keys(presets).join(', ') || '—' },
      });
    }
    const raw = input.preset !== undefined ? presets[input.preset].settings : (input.settings ?? {});
    const body = z.strictObject({ settings: this.registry.settingsSchema(pluginId) });
    const settings: Record<string, unknown> = parseInput(body, { settings: raw }).settings;
    const preset = input.preset ?? null;
    await this.em.fork().transactional(async (em) => {
      const row = await em.findOne(PluginSetting, { collective: collectiveId, pluginId });
      if (row) {
        Object.assign(row, { enabled: true, settings, preset, updatedAt: new Date() });
      } else {
        em.persist(
          new PluginSetting({
            collective: em.getReference(Collective, collectiveId, { wrapped: true }),
            pluginId,
            enabled: true,
            settings,
            preset,
          }),
        );
      }
      await this.record.append(em, collectiveId, 'plugin.enabled', {
        pluginId,
        version: plugin.version,
        preset,
        settings,
      });
      await em.flush();
    });
    this.events.publish(new PluginEnabledEvent(collectiveId, pluginId, settings));
    return view(plugin, await this.states.state(collectiveId, pluginId));
  }
}

@CommandHandler(DisablePluginCommand)
export class DisablePluginHandler implements ICommandHandler<DisablePluginCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PluginRegistry,
    private readonly states: PluginSettingsService,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute({ collectiveId, pluginId }: DisablePluginCommand): Promise<PluginView> {
    const plugin = this.registry.get(pluginId);
    const changed = await this.em.fork().transactional(async (em) => {
      const row = await em.findOne(PluginSetting, { collective: collectiveId, pluginId });
      if (!row?.enabled) {
        return false;
      }
      Object.assign(row, { enabled: false, updatedAt: new Date() });
      await this.record.append(em, collectiveId, 'plugin.disabled', { pluginId, version: plugin.version });
      await em.flush();
      return true;
    });
    if (changed) {
      this.events.publish(new PluginDisabledEvent(collectiveId, pluginId));
    }
    return view(plugin, await this.states.state(collectiveId, pluginId));
  }
}

@QueryHandler(ListPluginsQuery)
export class ListPluginsHandler implements IQueryHandler<ListPluginsQuery> {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly states: PluginSettingsService,
  ) {}

  async execute({ collectiveId }: ListPluginsQuery): Promise<PluginView[]> {
    return Promise.all(
      this.registry.plugins.map(async (plugin) =>
        view(plugin, await this.states.state(collectiveId, plugin.id)),
      ),
    );
  }
}
