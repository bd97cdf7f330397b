/** The plugin's id: its routes, actions (`amendments.*`) and settings are namespaced under it. */
export const AMENDMENTS_PLUGIN_ID = 'amendments';
