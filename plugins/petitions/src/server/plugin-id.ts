/** The plugin's id: its routes, actions (`petitions.*`) and settings are namespaced under it. */
export const PETITIONS_PLUGIN_ID = 'petitions';
