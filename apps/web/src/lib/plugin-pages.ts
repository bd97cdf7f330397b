import type { PluginView } from './api/types';
import { i18n } from './i18n/i18n.svelte';

/**
 * The plugin pages this client implements, by the route path the plugin declares in `web.routes`
 * (served under `/c/:collectiveId/<path>`). A declared route the client does not know is not linked.
 */
const IMPLEMENTED: ReadonlySet<string> = new Set(['petitions', 'agenda']);

export interface PluginPage {
  readonly pluginId: string;
  readonly path: string;
  readonly href: string;
  readonly title: string;
}

/** The main page of an enabled plugin in this collective, when the client has it. */
export function pluginPage(collectiveId: string, plugin: PluginView): PluginPage | null {
  if (!plugin.enabled) {
    return null;
  }
  const route = (plugin.web.routes ?? []).find((candidate) => IMPLEMENTED.has(candidate.path));
  return route
    ? {
        pluginId: plugin.id,
        path: route.path,
        href: `#/c/${collectiveId}/${route.path}`,
        title: route.title[i18n.locale],
      }
    : null;
}
