/** The plugin's id: its routes, actions (`co-drafting.*`) and settings are namespaced under it. */
export const CO_DRAFTING_PLUGIN_ID = 'co-drafting';
