import { defineErrors } from '../errors/error-catalog';

/** Refusals of the plugin host. */
export enum PluginErrorCode {
  NotFound = 'plugin.not_found',
  Disabled = 'plugin.disabled',
  PresetNotFound = 'plugin.preset_not_found',
  PresetAndSettings = 'plugin.preset_and_settings',
  UnknownAction = 'plugin.unknown_action',
}

export const PLUGIN_ERRORS = defineErrors({
  [PluginErrorCode.NotFound]: {
    status: 404,
    fr: 'Extension « {pluginId} » inconnue de ce serveur',
    en: 'Plugin "{pluginId}" is not installed on this server',
  },
  [PluginErrorCode.Disabled]: {
    status: 409,
    fr: 'L’extension « {pluginId} » n’est pas activée dans ce collectif',
    en: 'Plugin "{pluginId}" is not enabled in this collective',
  },
  [PluginErrorCode.PresetNotFound]: {
    status: 400,
    fr: 'Préréglage « {preset} » inconnu ; possibles : {presets}',
    en: 'Unknown preset "{preset}"; known: {presets}',
  },
  [PluginErrorCode.PresetAndSettings]: {
    status: 400,
    fr: 'Donnez soit un préréglage, soit des réglages, pas les deux',
    en: 'Give either a preset or settings, not both',
  },
  [PluginErrorCode.UnknownAction]: {
    status: 500,
    fr: 'Action d’extension « {action} » non déclarée',
    en: 'Plugin action "{action}" is not declared',
  },
});
