import { z, type ZodObject } from 'zod';
import type { LiquidePlugin, PluginSettingsDeclaration } from './plugin-definition';

const empty = z.strictObject({});

/**
 * The schema of a plugin's stored settings: `{ global, phases: { <phase>: ... } }`, each part
 * defaulting to `{}` so that a plugin whose fields all have defaults can be enabled with `{}`.
 */
export function composeSettingsSchema(declaration: PluginSettingsDeclaration | undefined): ZodObject {
  const phases = Object.fromEntries(
    Object.entries(declaration?.phases ?? {}).map(([name, schema]) => [name, schema.prefault({})]),
  );
  return z.strictObject({
    global: (declaration?.global ?? empty).prefault({}),
    phases: z.strictObject(phases).prefault({}),
  });
}

/** The composed settings schema as JSON Schema (input side: what the web form sends). */
export function settingsJsonSchema(plugin: LiquidePlugin): Record<string, unknown> {
  return z.toJSONSchema(composeSettingsSchema(plugin.settings), { io: 'input', unrepresentable: 'any' });
}
