import type { NamedMigration } from '../database/mikro-orm.options';
import { parseRange, parseVersion, satisfies } from './engine-range';
import type { LiquidePlugin, PluginDependency } from './plugin-definition';
import { composeSettingsSchema } from './plugin-settings-schema';

/** This engine's version, as plugins' `engineRange` is matched against (engine/package.json). */
export const ENGINE_VERSION = '0.1.0';

/** Why the server refuses to start with the plugins it lists; the message names each plugin and rule. */
export class PluginStartError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Liquide cannot start with these plugins:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'PluginStartError';
  }
}

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function dependency(entry: PluginDependency): { id: string; range: string | undefined } {
  return typeof entry === 'string' ? { id: entry, range: undefined } : { id: entry.id, range: entry.range };
}

function problemsOf(plugin: LiquidePlugin, byId: ReadonlyMap<string, LiquidePlugin>, engineVersion: string) {
  const name = `plugin "${plugin.id}" ${plugin.version}`;
  const problems: string[] = [];
  if (!PLUGIN_ID.test(plugin.id)) {
    problems.push(`${name}: id must be lowercase letters, digits and dashes (rule: id)`);
  }
  if (!parseVersion(plugin.version)) {
    problems.push(`${name}: version must be x.y.z (rule: version)`);
  }
  if (!parseRange(plugin.engineRange)) {
    problems.push(`${name}: engine range "${plugin.engineRange}" cannot be read (rule: engineRange)`);
  } else if (!satisfies(engineVersion, plugin.engineRange)) {
    problems.push(
      `${name} needs engine ${plugin.engineRange}, this engine is ${engineVersion} (rule: engineRange)`,
    );
  }
  for (const entry of plugin.dependsOn ?? []) {
    const { id, range } = dependency(entry);
    const found = byId.get(id);
    if (!found) {
      problems.push(`${name} depends on plugin "${id}", which the server does not list (rule: dependsOn)`);
    } else if (range && !satisfies(found.version, range)) {
      problems.push(
        `${name} depends on plugin "${id}" ${range}, the server lists ${found.version} (rule: dependsOn)`,
      );
    }
  }
  for (const action of Object.keys(plugin.actions ?? {})) {
    if (!action.startsWith(`${plugin.id}.`)) {
      problems.push(`${name}: action "${action}" must start with "${plugin.id}." (rule: actions)`);
    }
  }
  const schema = composeSettingsSchema(plugin.settings);
  for (const [preset, declaration] of Object.entries(plugin.settings?.presets ?? {})) {
    const parsed = schema.safeParse(declaration.settings);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      problems.push(
        `${name}: preset "${preset}" breaks its settings schema (${where.join('; ')}) (rule: presets)`,
      );
    }
  }
  return problems;
}

/**
 * Checks the plugins a server lists before anything starts: ids (unique, well formed), versions,
 * the engine range, dependencies (listed, in range) and presets. Throws one {@link PluginStartError}
 * naming every problem.
 */
export function validatePlugins(
  plugins: readonly LiquidePlugin[],
  engineVersion: string = ENGINE_VERSION,
): void {
  const byId = new Map<string, LiquidePlugin>();
  const problems: string[] = [];
  for (const plugin of plugins) {
    if (byId.has(plugin.id)) {
      problems.push(`plugin "${plugin.id}" is listed twice (rule: unique id)`);
    } else {
      byId.set(plugin.id, plugin);
    }
  }
  for (const plugin of plugins) {
    problems.push(...problemsOf(plugin, byId, engineVersion));
  }
  if (problems.length > 0) {
    throw new PluginStartError(problems);
  }
}

/** The entities of the listed plugins, for MikroORM. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function pluginEntities(plugins: readonly LiquidePlugin[]): Function[] {
  return plugins.flatMap((plugin) => [...(plugin.entities ?? [])]);
}

/** The migrations of the listed plugins, for the migrate step. */
export function pluginMigrations(plugins: readonly LiquidePlugin[]): NamedMigration[] {
  return plugins.flatMap((plugin) => [...(plugin.migrations ?? [])]);
}
