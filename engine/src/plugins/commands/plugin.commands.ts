import { Command, Query } from '@nestjs/cqrs';
import type { Bilingual, PluginActionRule, PluginWebContributions } from '../plugin-definition';

/** Enable a plugin in a collective (or change its settings): a preset name, or settings, or neither (defaults). */
export class ConfigurePluginCommand extends Command<PluginView> {
  constructor(
    readonly collectiveId: string,
    readonly pluginId: string,
    readonly input: { readonly preset?: string; readonly settings?: Record<string, unknown> },
  ) {
    super();
  }
}

/** Disable a plugin in a collective; its data and settings are kept. */
export class DisablePluginCommand extends Command<PluginView> {
  constructor(
    readonly collectiveId: string,
    readonly pluginId: string,
  ) {
    super();
  }
}

/** The plugins this server runs, with their state in one collective. */
export class ListPluginsQuery extends Query<PluginView[]> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** A plugin as `GET /api/collectives/:id/plugins` shows it. */
export interface PluginView {
  readonly id: string;
  readonly version: string;
  readonly title: Bilingual;
  readonly description: Bilingual | null;
  readonly enabled: boolean;
  readonly settings: Record<string, unknown>;
  readonly preset: string | null;
  readonly updatedAt: string | null;
  /** JSON Schema of the settings (`{ global, phases }`), for the web client's form. */
  readonly settingsSchema: Record<string, unknown>;
  readonly phases: readonly string[];
  readonly presets: readonly { readonly name: string; readonly title: Bilingual }[];
  readonly actions: Readonly<Record<string, PluginActionRule>>;
  readonly web: PluginWebContributions;
}

/** Published after a plugin was enabled or reconfigured in a collective. */
export class PluginEnabledEvent {
  constructor(
    readonly collectiveId: string,
    readonly pluginId: string,
    readonly settings: Record<string, unknown>,
  ) {}
}

/** Published after a plugin was disabled in a collective. */
export class PluginDisabledEvent {
  constructor(
    readonly collectiveId: string,
    readonly pluginId: string,
  ) {}
}
